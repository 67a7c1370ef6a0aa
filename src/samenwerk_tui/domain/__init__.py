"""Pure model of partnerships: no I/O, no Textual."""
