"""Features wired between the core and the widgets: search, annotations, bookmarks, import.

Each feature is a small QObject given the core objects and the panels it
connects; app.py creates them. Core work runs on BackgroundRunner threads.
"""
