# bench: sources added by this module
