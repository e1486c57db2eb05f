"""Views of the meetings app, one module per stage; thin: parse, call a service, render."""
