"""``python -m ec2_traffic_mirror.cli``: the same as the ``ec2-traffic-mirror`` command."""

from ec2_traffic_mirror.cli import main

raise SystemExit(main())
