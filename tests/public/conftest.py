# The application window fixtures of the applications tests serve the call pages too.
from tests.applications.conftest import in_window, window  # noqa: F401
