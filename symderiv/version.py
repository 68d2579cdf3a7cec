"""The version, in a module of its own so that every part can name it without importing the
package's top level (which imports the API)."""

__version__ = "0.2.0"
