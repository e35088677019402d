"""Build the app's offline map geometry (static/geo/) from the npm package world-atlas 1.1.4.

    cd /tmp && npm pack world-atlas@1.1.4
    .venv/bin/python scripts/build_geometry.py /tmp/world-atlas-1.1.4.tgz

Reads world/50m.json (TopoJSON of Natural Earth 1:50m admin-0 countries) and world/50m.tsv (its
attribute table) straight from the tarball, whose checksum is pinned below, and writes
static/geo/world.geojson and static/geo/centroids.json. Standard library only, plus pycountry for
ISO 3166 codes and names. See static/geo/README.md for what is changed and why.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import tarfile
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "static" / "geo"
PACKAGE_VERSION = "1.1.4"
PACKAGE_SHA1 = "0f53c44f31b66daa245cf673ccfab5c338903682"  # as printed by `npm pack`

TOLERANCE_DEG = 0.05  # Douglas-Peucker tolerance, applied to shared arcs so borders stay shared
DECIMALS = 2  # about 1 km
MIN_POLYGON_AREA_DEG2 = 0.01  # smaller islands are dropped, except a country's largest polygon

DROPPED_NUMERIC = {"010"}  # Antarctica: never a participant, and costly in bytes
# Natural Earth features without an ISO numeric code (iso_n3 -99), by Natural Earth's adm0_a3:
# the alpha-3 code their shape is filed under, or None to drop them.
NO_ISO_CODE = {
    "KOS": "XKX",  # Kosovo: user-assigned code used by the European Commission and the IMF
    "CYN": "CYP",  # Northern Cyprus: part of Cyprus under internationally recognised borders
    "SOL": "SOM",  # Somaliland: part of Somalia under internationally recognised borders
    "KAS": None,  # Siachen Glacier: disputed between India and Pakistan; drawn as neither
    "IOA": None,  # Christmas and Cocos Islands, lumped together; ISO has CXR and CCK
}
EXTRA_NAMES = {"XKX": "Kosovo"}
# The build fails unless each point lies inside the named country (and no other).
CHECK_POINTS = {
    "UKR": [(34.10, 44.95), (33.52, 44.60), (30.52, 50.45)],  # Simferopol, Sevastopol, Kyiv
    "RUS": [(37.62, 55.75)],  # Moscow
}

Point = tuple[float, float]
Ring = list[Point]


# --- TopoJSON decoding -------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[Ring]:
    """Decode a topology's arcs into absolute (lon, lat) points (delta-decoded if quantized)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs: list[Ring], index: int) -> Ring:
    """Points of arc `index`; a negative index ~i means arc i reversed (TopoJSON convention)."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def unwrap(points: Ring) -> Ring:
    """Shift longitudes by multiples of 360 so that no step jumps across the antimeridian."""
    out = [points[0]] if points else []
    for x, y in points[1:]:
        x += 360.0 * round((out[-1][0] - x) / 360.0)
        out.append((x, y))
    return out


def assemble_ring(arcs: list[Ring], indices: list[int]) -> Ring:
    """Join a ring's arcs end to start into one closed, longitude-continuous ring."""
    ring: Ring = []
    for index in indices:
        points = arc_points(arcs, index)
        if ring:
            shift = 360.0 * round((ring[-1][0] - points[0][0]) / 360.0)
            ring.extend((x + shift, y) for x, y in points[1:])
        else:
            ring.extend(points)
    return ring


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    """A geometry's polygons as lists of rings of arc indices (first ring exterior)."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


# --- Geometry helpers --------------------------------------------------------------------------


def ring_area(ring: Ring) -> float:
    """Signed planar area in square degrees; positive when counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2.0


def ring_contains(ring: Ring, lon: float, lat: float) -> bool:
    """Ray casting: whether the point lies inside the closed ring."""
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def polygon_contains(polygon: list[Ring], lon: float, lat: float) -> bool:
    """Whether the point lies inside the exterior ring and outside every hole."""
    return sum(ring_contains(ring, lon, lat) for ring in polygon) % 2 == 1


def polygon_area(polygon: list[Ring]) -> float:
    """Unsigned area of a polygon (exterior minus holes) in square degrees."""
    return abs(ring_area(polygon[0])) - sum(abs(ring_area(hole)) for hole in polygon[1:])


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment a-b."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def simplify_line(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker: keep both ends and every point farther than tolerance from the result.

    A closed line (an island drawn as one arc) is first split at the point farthest from its
    start, so that it keeps at least three distinct points while it has them.
    """
    n = len(points)
    if n < 3:
        return list(points)
    if points[0] == points[-1]:
        far = max(range(1, n - 1), key=lambda k: math.dist(points[k], points[0]))
        return simplify_line(points[: far + 1], tolerance)[:-1] + simplify_line(points[far:], tolerance)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        best, best_index = tolerance, None
        for k in range(first + 1, last):
            distance = _segment_distance(points[k], points[first], points[last])
            if distance > best:
                best, best_index = distance, k
        if best_index is not None:
            keep[best_index] = True
            stack += [(first, best_index), (best_index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def round_ring(ring: Ring, decimals: int = DECIMALS) -> Ring:
    """Round coordinates and drop points that became equal to their predecessor."""
    out: Ring = []
    for x, y in ring:
        point = (round(x, decimals) + 0.0, round(y, decimals) + 0.0)  # + 0.0 turns -0.0 into 0.0
        if not out or point != out[-1]:
            out.append(point)
    return out


def _clip(ring: Ring, x_limit: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman: clip a closed ring to the half-plane x <= limit (or x >= limit)."""

    def inside(p: Point) -> bool:
        return p[0] <= x_limit if keep_below else p[0] >= x_limit

    out: Ring = []
    for a, b in pairwise(ring):
        if inside(a):
            out.append(a)
        if inside(a) != inside(b):
            t = (x_limit - a[0]) / (b[0] - a[0])
            out.append((x_limit, a[1] + t * (b[1] - a[1])))
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def split_antimeridian(ring: Ring) -> list[Ring]:
    """Cut a longitude-continuous ring at +-180 into pieces that each lie within [-180, 180]."""
    low = min(x for x, _ in ring)
    high = max(x for x, _ in ring)
    pieces = []
    for k in range(math.floor((low + 180) / 360), math.ceil((high - 180) / 360) + 1):
        shift = 360.0 * k
        piece = _clip(_clip(ring, shift - 180, keep_below=False), shift + 180, keep_below=True)
        if len(piece) >= 4:
            pieces.append([(x - shift, y) for x, y in piece])
    return pieces


# --- Dissolving polygons that share borders -----------------------------------------------------


def dissolve(polygons: list[list[list[int]]], arcs: list[Ring]) -> list[list[list[int]]]:
    """Merge polygons along their shared arcs, as topojson's merge does.

    Arcs used by two rings (once in each direction) are inner borders and are dropped; the rest
    are stitched end to start into rings, then holes are put into the exterior around them.
    """
    directed = [i for polygon in polygons for ring in polygon for i in ring]
    uses = Counter(i if i >= 0 else ~i for i in directed)
    outer = [i for i in directed if uses[i if i >= 0 else ~i] == 1]
    by_start: dict[Point, list[int]] = defaultdict(list)
    for i in outer:
        by_start[arc_points(arcs, i)[0]].append(i)
    unused = set(outer)
    rings: list[list[int]] = []
    for first in outer:
        if first not in unused:
            continue
        unused.discard(first)
        ring, start, end = [first], arc_points(arcs, first)[0], arc_points(arcs, first)[-1]
        while end != start:
            nxt = next(i for i in by_start[end] if i in unused)
            unused.discard(nxt)
            ring.append(nxt)
            end = arc_points(arcs, nxt)[-1]
        rings.append(ring)
    # The source's exterior rings all wind one way and its holes the other.
    exterior_sign = math.copysign(1, ring_area(assemble_ring(arcs, polygons[0][0])))
    result = [[r] for r in rings if ring_area(assemble_ring(arcs, r)) * exterior_sign > 0]
    for ring in rings:
        points = assemble_ring(arcs, ring)
        if ring_area(points) * exterior_sign < 0:
            owner = next(p for p in result if ring_contains(assemble_ring(arcs, p[0]), *points[0]))
            owner.append(ring)
    return result


# --- Label points -------------------------------------------------------------------------------


def polygon_centroid(polygon: list[Ring]) -> Point:
    """Area-weighted centroid of a polygon (exterior minus holes)."""
    total = cx = cy = 0.0
    for ring in polygon:
        sign = 1.0 if ring is polygon[0] else -1.0
        area = abs(ring_area(ring)) * sign
        mx, my = _ring_centroid(ring)
        total, cx, cy = total + area, cx + area * mx, cy + area * my
    return (cx / total, cy / total)


def _ring_centroid(ring: Ring) -> Point:
    """Centroid of the area enclosed by one ring."""
    a = ring_area(ring)
    if a == 0:
        xs, ys = zip(*ring, strict=True)
        return (sum(xs) / len(xs), sum(ys) / len(ys))
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6 * a), cy / (6 * a))


def label_point(polygon: list[Ring], near: Point | None = None) -> Point:
    """A point inside the polygon: `near` (default: its centroid) if inside, else one close by.

    The fallback is the middle of the widest inside stretch of the parallel through `near`
    (through the centroid if that parallel misses the polygon): it handles crescents.
    """
    lon, lat = near or polygon_centroid(polygon)
    if polygon_contains(polygon, lon, lat):
        return (lon, lat)
    spans = _inside_spans(polygon, lat)
    if not spans:
        lat = polygon_centroid(polygon)[1]
        spans = _inside_spans(polygon, lat)
    left, right = max(spans, key=lambda span: span[1] - span[0])
    return ((left + right) / 2, lat)


def _inside_spans(polygon: list[Ring], lat: float) -> list[tuple[float, float]]:
    """The (west, east) stretches of the parallel `lat` that lie inside the polygon."""
    crossings = sorted(
        x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        for ring in polygon
        for (x0, y0), (x1, y1) in pairwise(ring)
        if (y0 > lat) != (y1 > lat)
    )
    return list(zip(crossings[::2], crossings[1::2], strict=True))


def true_area_weight(polygon: list[Ring]) -> float:
    """Polygon area in square degrees shrunk by cos(latitude): proportional to real area."""
    return polygon_area(polygon) * math.cos(math.radians(polygon_centroid(polygon)[1]))


def normalize_lon(lon: float) -> float:
    """Bring a longitude into [-180, 180)."""
    return (lon + 180.0) % 360.0 - 180.0


# --- The build ----------------------------------------------------------------------------------


def read_package(tarball: Path) -> tuple[dict, list[dict]]:
    """Read world/50m.json and its attribute rows from the pinned world-atlas tarball."""
    digest = hashlib.sha1(tarball.read_bytes()).hexdigest()
    if digest != PACKAGE_SHA1:
        raise SystemExit(f"{tarball}: sha1 {digest}, expected {PACKAGE_SHA1} (world-atlas 1.1.4)")
    with tarfile.open(tarball) as archive:

        def read(name: str) -> str:
            return archive.extractfile(f"package/{name}").read().decode("utf-8")

        if json.loads(read("package.json"))["version"] != PACKAGE_VERSION:
            raise SystemExit(f"{tarball} is not world-atlas {PACKAGE_VERSION}")
        topology = json.loads(read("world/50m.json"))
        rows = list(csv.DictReader(io.StringIO(read("world/50m.tsv")), delimiter="\t"))
    return topology, rows


def alpha3_codes(topology: dict, rows: list[dict]) -> list[str | None]:
    """The alpha-3 code each country geometry is filed under (None: dropped).

    The geometries are in the shapefile's order, which is by adm0_a3; the tsv is sorted by
    iso_a3, so sorting it by adm0_a3 lines it up (checked row by row on the numeric id).
    """
    import pycountry

    geometries = topology["objects"]["countries"]["geometries"]
    rows = sorted(rows, key=lambda row: row["adm0_a3"])
    if len(rows) != len(geometries):
        raise SystemExit("50m.tsv and 50m.json disagree on the number of countries")
    codes: list[str | None] = []
    for geometry, row in zip(geometries, rows, strict=True):
        numeric = geometry.get("id", "-99")
        if numeric != row["iso_n3"]:
            raise SystemExit(f"cannot line up 50m.tsv with 50m.json at {row['adm0_a3']}")
        if numeric in DROPPED_NUMERIC:
            codes.append(None)
        elif numeric == "-99":
            codes.append(NO_ISO_CODE[row["adm0_a3"]])  # KeyError: a new feature to decide on
        else:
            codes.append(pycountry.countries.get(numeric=numeric).alpha_3)
    return codes


def country_name(code: str) -> str:
    """Short English name from ISO 3166 (pycountry's common name where it has one)."""
    import pycountry

    if code in EXTRA_NAMES:
        return EXTRA_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or country.name


def build(topology: dict, codes: list[str | None]) -> tuple[dict, dict]:
    """Return the simplified GeoJSON FeatureCollection and the {alpha3: [lon, lat]} points."""
    raw_arcs = decode_arcs(topology)
    full_arcs = [unwrap(arc) for arc in raw_arcs]
    thin_arcs = [simplify_line(arc, TOLERANCE_DEG) for arc in full_arcs]

    grouped: dict[str, list[list[list[int]]]] = defaultdict(list)
    sources = Counter()
    for geometry, code in zip(topology["objects"]["countries"]["geometries"], codes, strict=True):
        if code is not None:
            grouped[code].extend(polygons_of(geometry))
            sources[code] += 1

    features, centroids = [], {}
    for code in sorted(grouped):
        polygons = grouped[code]
        if sources[code] > 1:
            polygons = dissolve(polygons, raw_arcs)

        full = [[assemble_ring(full_arcs, ring) for ring in polygon] for polygon in polygons]
        point = label_point(max(full, key=true_area_weight))

        thin = []
        for polygon in polygons:
            exterior, *holes = [assemble_ring(thin_arcs, ring) for ring in polygon]
            pieces = split_antimeridian(exterior)
            if holes and len(pieces) > 1:
                raise SystemExit(f"{code}: a polygon with holes crosses the antimeridian")
            holes = [hole for hole in map(round_ring, holes) if _is_ring(hole)]
            thin.extend([ring, *holes] for ring in map(round_ring, pieces) if _is_ring(ring))
        thin = [p for p in thin if polygon_area(p) > 0]
        if thin:
            largest = max(thin, key=polygon_area)
            thin = [p for p in thin if p is largest or polygon_area(p) >= MIN_POLYGON_AREA_DEG2]
            if not any(polygon_contains(p, *point) for p in thin):
                # Simplification moved the coast: put the point back on the land as drawn.
                point = label_point(max(thin, key=true_area_weight), near=point)
        centroids[code] = [round(normalize_lon(point[0]), DECIMALS), round(point[1], DECIMALS)]
        if not thin:
            continue  # too small to draw at this scale: the app shows a marker at its centroid
        # RFC 7946 winding: exteriors counter-clockwise, holes clockwise.
        coordinates = [[_wind(ring, counter_clockwise=(k == 0)) for k, ring in enumerate(polygon)] for polygon in thin]
        geometry = (
            {"type": "Polygon", "coordinates": coordinates[0]}
            if len(coordinates) == 1
            else {"type": "MultiPolygon", "coordinates": coordinates}
        )
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"name": country_name(code)},
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}, centroids


def _is_ring(ring: Ring) -> bool:
    """Whether a rounded ring still encloses some area."""
    return len(ring) >= 4 and ring_area(ring) != 0


def _wind(ring: Ring, counter_clockwise: bool) -> list[list[float]]:
    """The ring as coordinate pairs, reversed if needed to wind the requested way."""
    if (ring_area(ring) > 0) != counter_clockwise:
        ring = ring[::-1]
    return [[x, y] for x, y in ring]


def check_points(collection: dict) -> None:
    """Fail unless every CHECK_POINTS point lies in its country and in no other shape."""
    for expected, points in CHECK_POINTS.items():
        for lon, lat in points:
            found = [
                feature["id"]
                for feature in collection["features"]
                if any(
                    polygon_contains([[tuple(p) for p in ring] for ring in polygon], lon, lat)
                    for polygon in _coordinates_polygons(feature["geometry"])
                )
            ]
            if found != [expected]:
                raise SystemExit(f"({lon}, {lat}) falls in {found}, expected only {expected}")


def _coordinates_polygons(geometry: dict) -> list:
    """A GeoJSON Polygon or MultiPolygon's coordinates as a list of polygons."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def write_outputs(collection: dict, centroids: dict, out_dir: Path) -> None:
    """Write compact JSON, one feature per line so that diffs stay readable."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    (out_dir / "world.geojson").write_text(text, encoding="utf-8")
    points = [f'"{code}":{json.dumps(point)}' for code, point in sorted(centroids.items())]
    (out_dir / "centroids.json").write_text("{\n" + ",\n".join(points) + "\n}\n", encoding="utf-8")


def main() -> None:
    """Command line: build static/geo/ from the world-atlas tarball."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", type=Path, help="world-atlas-1.1.4.tgz from `npm pack`")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args()
    topology, rows = read_package(args.tarball)
    collection, centroids = build(topology, alpha3_codes(topology, rows))
    check_points(collection)
    write_outputs(collection, centroids, args.out)
    for name in ("world.geojson", "centroids.json"):
        print(f"{args.out / name}: {(args.out / name).stat().st_size} bytes")
    print(f"{len(collection['features'])} shapes, {len(centroids)} label points")


if __name__ == "__main__":
    main()
