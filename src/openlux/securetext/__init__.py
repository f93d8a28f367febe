"""SecureText: a secure message announced by SMS (text) instead of e-mail; the content waits in escrow."""
