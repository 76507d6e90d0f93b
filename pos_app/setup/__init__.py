"""Going live without a text editor: the Qt-free parts the first-run wizard, the settings
dialog and the ``settings``/``credentials test``/``diagnostics`` commands share.

* :mod:`.connection` - a harmless signed call that explains what is wrong, in plain words;
* :mod:`.keyring_help` - which keyring package or service is missing, and how to get it;
* :mod:`.edit` - reading and changing one setting by its dotted name;
* :mod:`.diagnostics` - one zip for support, with no secret in it.

Every sentence meant for a person is a ``QT_TRANSLATE_NOOP`` template plus its arguments
(:class:`.messages.Message`), so the UI translates the template first and fills it after.
"""
