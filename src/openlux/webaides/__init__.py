"""WebAides: calendars, tasks, address books, notes and links, their entries, sharing and change log."""
