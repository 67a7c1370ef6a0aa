"""The ``samenwerk`` command line."""
