"""The widgets of the main screen: the list, the detail pane and the notes pane."""
