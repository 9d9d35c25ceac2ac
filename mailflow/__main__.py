import sys

from mailflow.run.cli import main

sys.exit(main())
