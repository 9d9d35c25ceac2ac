import sys

from mailflow_specs.run.cli import main

sys.exit(main())
