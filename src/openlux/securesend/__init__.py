"""SecureSend: the escrow pickup portal where recipients read SecureLine-escrowed messages."""
