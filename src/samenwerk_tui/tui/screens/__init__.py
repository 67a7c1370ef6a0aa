"""The screens of the workbench: main, forms, confirmation and help."""
