"""The app mounts the router table's routes themselves (openlux.app.ROUTES), in the table's order.

That is only the same as `include_router` while the table's routers add nothing to their routes: no
prefix, dependencies, tags, responses or callbacks of their own, no dependency overrides and no
nested routers. A router that needs any of these must be included instead (and this test says so).
"""

from __future__ import annotations

from fastapi.datastructures import DefaultPlaceholder
from fastapi.routing import APIRoute

from openlux.app import ROUTERS, ROUTES, create_app
from openlux.config import Settings


def test_the_table_routers_add_nothing_to_their_routes() -> None:
    for router in ROUTERS:
        described = f"{router.routes[0].path if router.routes else router}: its router"
        assert router.prefix == "", described
        assert router.dependencies == [] and router.tags == [] and router.callbacks == [], described
        assert router.responses == {} and router.dependency_overrides_provider is None, described
        assert isinstance(router.default_response_class, DefaultPlaceholder), described
        assert router.on_startup == [] and router.on_shutdown == [], described
        assert all(isinstance(route, APIRoute) for route in router.routes), described


def test_apps_serve_the_table_routes_in_its_order(tmp_path) -> None:
    expected = [route for router in ROUTERS for route in router.routes]
    assert list(ROUTES) == expected
    for _ in range(2):  # every app of a process: the same routes, built once at import
        app = create_app(Settings(data_dir=tmp_path))
        mounted = [route for route in app.router.routes if route in expected]
        assert mounted == expected
