"""SpaceReader's widgets: the main window and one module per panel."""
