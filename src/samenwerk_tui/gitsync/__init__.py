"""The git layer: one serialised runner, the merge driver, repair, status and history.

No Textual here; the services call this, the front ends call the services.
"""
