import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dekkend.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules and settings) lives as long as the
# process. Frozen, the garbage collector's full passes no longer walk it: without this, a pass
# every few hundred requests paused one request for tens of milliseconds (docs/performance.md).
gc.freeze()
