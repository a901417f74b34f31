"""read: files, folders, stdin, URLs, WARC archives, feeds and JSON Lines → raw documents.

Bad input never raises: each unusable input or record becomes one `Problem` in the stream,
and the inputs after it are read as usual.
"""
from storylens.read.inputs import expand_inputs
from storylens.read.limits import ReadLimits
from storylens.read.readers import read_input, read_inputs

__all__ = ["ReadLimits", "expand_inputs", "read_input", "read_inputs"]
