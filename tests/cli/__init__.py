"""The ``samenwerk`` command line, run as a real subprocess on real folders."""
