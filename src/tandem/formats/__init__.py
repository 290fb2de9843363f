"""Date formats per UI language (settings.FORMAT_MODULE_PATH); German keeps Django's own."""
