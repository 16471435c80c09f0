"""Scenario files: the native YAML/JSON schema, GENIUS and GeniusWeb domains, loading.

A regular package (not a namespace one) so that tools that map imports, such as
import-linter, see its modules; import the submodules by name.
"""
