"""Where uploaded files are kept: the file system, with failures that say what happened.

A full disk or an upload folder that cannot be written is a fault of the server, not of the
user's file. ``UploadStorage`` removes whatever part of the file was written and raises
``UploadStorageUnavailable``; ``dekkend.core.views.server_error`` answers it with a 503 and a
Dutch message. The model row that would have pointed at the file is saved in the same
transaction after the file, so it is never written either: nothing is half-saved.
"""

import contextlib
import os

from django.core.files.storage import FileSystemStorage


class UploadStorageUnavailable(OSError):
    """The upload folder is full or cannot be written."""


class UploadStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise  # Django picks another name itself
        except OSError as error:
            with contextlib.suppress(OSError):
                os.remove(self.path(name))  # the part written before the disk filled up
            raise UploadStorageUnavailable(error.errno, error.strerror, name) from error
