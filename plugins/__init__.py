"""Built-in newslint rule plugins, one module per rule family (installed as ``newslint_plugins``)."""
