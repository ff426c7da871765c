"""Built-in scenario files; installed as ``gametheory._builtin_models``."""
