// The page map: one MapLibre map per page, recoloured in place when the data changes.
//
// summit_ui/map_component.py mounts it; Python (summit.maps.page_map) works out every colour and
// hover line, and this module only draws them. Everything from the data is set as text
// (textContent), never as HTML. Nothing is fetched from any host but the app's own: the library,
// the stylesheets and the shapes come from app/static/, and the style has no tiles, fonts or sprites.
//
// The library starts loading when this module is first loaded, before the map's data arrives. Until
// MapLibre has started and drawn (a 1.1 MB library and a worker that cuts the shapes into tiles), the
// same view is drawn at once on a plain canvas from the shapes and colours it already has (firstPaint):
// the same projection, fit, colours, borders and markers, without hover or zoom.

const LIBRARY = "app/static/vendor/maplibre-gl/maplibre-gl.mjs";
const STYLESHEETS = ["app/static/vendor/maplibre-gl/maplibre-gl.css", "app/static/map/summit-map.css"];
const SHAPES = "shapes";
const MARKERS = "markers";
export const PADDING = 12;

const absolute = (path) => new URL(path, document.baseURI).href;
let library = null;
const shapes = new Map();

function loadLibrary() {
  library = library || import(absolute(LIBRARY));
  return library;
}

function loadShapes(url) {
  if (!shapes.has(url)) {
    shapes.set(
      url,
      fetch(absolute(url))
        .then((response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return response.json();
        })
        .then((collection) => {
          // Features are keyed by ISO code in `id`; MapLibre expressions read properties, so copy it.
          for (const feature of collection.features) feature.properties = { ...feature.properties, iso: feature.id };
          return collection;
        }),
    );
  }
  return shapes.get(url);
}

loadLibrary();

function element(tag, className, parent) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (parent) parent.appendChild(node);
  return node;
}

// --- colours and legend ----------------------------------------------------------------------

// Colours are feature state, not data-driven paint: a changed data-driven paint expression makes
// MapLibre's worker cut every shape into tiles again (style.setPaintProperty → _updateLayer → source
// reload), while changed feature state only refills the colour buffers of the tiles already cut. The
// paint expressions below never change after the map is created; each state's colour is set on it.
const FILL = (neutral) => ["coalesce", ["feature-state", "colour"], neutral];
const IS_PARTICIPANT = ["boolean", ["feature-state", "participant"], false];
const OUTLINE = (ink) => ["case", IS_PARTICIPANT, ink, "rgba(0, 0, 0, 0)"];
const BORDER_WIDTH = ["case", IS_PARTICIPANT, 0.8, 0.6];
const MARKER_COLOUR = (neutral) => ["coalesce", ["feature-state", "colour"], neutral];

// Set each participant's colour on its shape and marker; clear the states no longer shown.
function paint(state) {
  const map = state.map;
  const colours = new Map(state.data.states.map((shown) => [shown.code, shown.colour]));
  for (const code of state.painted || new Map()) {
    if (!colours.has(code[0])) {
      map.removeFeatureState({ source: SHAPES, id: code[0] });
      map.removeFeatureState({ source: MARKERS, id: code[0] });
    }
  }
  for (const [code, colour] of colours) {
    if (state.painted && state.painted.get(code) === colour) continue;
    map.setFeatureState({ source: SHAPES, id: code }, { colour, participant: true });
    map.setFeatureState({ source: MARKERS, id: code }, { colour });
  }
  state.painted = colours;
}

// Where the small-state markers are (their colours are feature state, set by paint()).
function markerCollection(data) {
  return {
    type: "FeatureCollection",
    features: data.markers.map((marker) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [marker.lon, marker.lat] },
      properties: { iso: marker.code },
    })),
  };
}

function drawLegend(box, legend) {
  box.replaceChildren();
  element("div", "summit-map-legend-title", box).textContent = legend.title;
  if (legend.kind === "scale") {
    const row = element("div", "summit-map-scale", box);
    element("span", "", row).textContent = legend.min;
    const bar = element("span", "summit-map-scale-bar", row);
    bar.style.background = `linear-gradient(to right, ${legend.colours.join(", ")})`;
    element("span", "", row).textContent = legend.max;
    return;
  }
  for (const item of legend.items) {
    const row = element("div", "summit-map-legend-item", box);
    element("span", "summit-map-swatch", row).style.background = item.colour;
    element("span", "", row).textContent = item.label;
  }
}

// --- PNG download: the map as drawn, with its title, legend and source line -------------------

const FONT = '"DejaVu Sans", Arial, sans-serif';

function drawLegendImage(context, legend, x, y, scale) {
  const line = 20 * scale;
  const rows = legend.kind === "scale" ? 1 : legend.items.length;
  context.font = `bold ${14 * scale}px ${FONT}`;
  const labels = legend.kind === "scale" ? [] : legend.items.map((item) => item.label);
  context.font = `${14 * scale}px ${FONT}`;
  const width = Math.max(
    context.measureText(legend.title).width,
    ...labels.map((label) => context.measureText(label).width + 22 * scale),
    legend.kind === "scale" ? 190 * scale : 0,
  ) + 16 * scale;
  const height = line * (rows + 1) + 12 * scale;
  context.fillStyle = "rgba(255, 255, 255, 0.9)";
  context.fillRect(x, y, width, height);
  context.strokeStyle = "#1a1a1a";
  context.lineWidth = scale;
  context.strokeRect(x, y, width, height);
  context.fillStyle = "#1a1a1a";
  context.textBaseline = "middle";
  context.font = `bold ${14 * scale}px ${FONT}`;
  context.fillText(legend.title, x + 8 * scale, y + 6 * scale + line / 2);
  context.font = `${14 * scale}px ${FONT}`;
  const rowY = (index) => y + 6 * scale + line * (index + 1.5);
  if (legend.kind === "scale") {
    context.fillText(legend.min, x + 8 * scale, rowY(0));
    const barX = x + 8 * scale + context.measureText(legend.min).width + 6 * scale;
    const gradient = context.createLinearGradient(barX, 0, barX + 120 * scale, 0);
    legend.colours.forEach((colour, index) => gradient.addColorStop(index / (legend.colours.length - 1), colour));
    context.fillStyle = gradient;
    context.fillRect(barX, rowY(0) - 6 * scale, 120 * scale, 12 * scale);
    context.strokeRect(barX, rowY(0) - 6 * scale, 120 * scale, 12 * scale);
    context.fillStyle = "#1a1a1a";
    context.fillText(legend.max, barX + 126 * scale, rowY(0));
    return;
  }
  legend.items.forEach((item, index) => {
    context.fillStyle = item.colour;
    context.fillRect(x + 8 * scale, rowY(index) - 7 * scale, 14 * scale, 14 * scale);
    context.strokeRect(x + 8 * scale, rowY(index) - 7 * scale, 14 * scale, 14 * scale);
    context.fillStyle = "#1a1a1a";
    context.fillText(item.label, x + 30 * scale, rowY(index));
  });
}

// The WebGL canvas is read in the frame it is drawn (its buffer is not kept), then drawn on a
// canvas with the words around it.
function downloadPng(state) {
  const map = state.map;
  if (!map) return;
  map.once("render", () => {
    const drawn = map.getCanvas();
    const scale = drawn.width / drawn.clientWidth;
    const top = 40 * scale;
    const bottom = 28 * scale;
    const image = document.createElement("canvas");
    image.width = drawn.width;
    image.height = drawn.height + top + bottom;
    const context = image.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, image.width, image.height);
    context.drawImage(drawn, 0, top);
    context.fillStyle = "#1a1a1a";
    context.textBaseline = "middle";
    context.font = `${20 * scale}px ${FONT}`;
    context.fillText(state.data.title, 8 * scale, top / 2);
    drawLegendImage(context, state.data.legend, 8 * scale, top + 8 * scale, scale);
    context.fillStyle = "#444444";
    context.font = `${12 * scale}px ${FONT}`;
    context.fillText(state.data.source, 8 * scale, image.height - bottom / 2);
    image.toBlob((blob) => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `${state.data.filename}.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    }, "image/png");
  });
  map.triggerRepaint();
}


// --- first paint: the same map on a plain canvas while MapLibre starts --------------------------

// Web Mercator, as MapLibre draws it: x and y in [0, 1] over the world.
const MAX_LATITUDE = 85.051129;
const mercatorX = (lon) => (180 + lon) / 360;
const mercatorY = (lat) => {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  return (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))) / 360;
};

// The view MapLibre's fitBounds gives for [west, south, east, north] in a width × height box with
// `padding` on every side: the bounds' centre in the middle, at the largest scale at which they fit; then
// constrained as MapLibre constrains it with renderWorldCopies off: zoomed in until the world (antimeridian
// to antimeridian, 85° north to 85° south) covers the box, centred on an axis it had to grow along, and
// moved until nothing beyond its edges shows.
// Returns (lon, lat) → [x, y] in CSS pixels.
function edgeShift(start, end, size) {
  if (start > 0) return -start;
  if (end < size) return size - end;
  return 0;
}
export function fitProjection(bounds, width, height, padding) {
  const [west, south, east, north] = bounds;
  const x0 = mercatorX(west);
  const x1 = mercatorX(east);
  const y0 = mercatorY(north);
  const y1 = mercatorY(south);
  const fit = Math.min((width - 2 * padding) / (x1 - x0), (height - 2 * padding) / (y1 - y0));
  const scale = Math.max(fit, width, height); // the world is 1 × 1 in these units
  // An axis the world had to grow to cover is centred on the world's middle, as MapLibre's constrain does.
  const middleX = fit < width ? 0.5 : (x0 + x1) / 2;
  const middleY = fit < height ? 0.5 : (y0 + y1) / 2;
  let left = width / 2 - middleX * scale; // where the antimeridian (west) is on screen
  let top = height / 2 - middleY * scale; // where 85° north is
  left += edgeShift(left, left + scale, width);
  top += edgeShift(top, top + scale, height);
  return (lon, lat) => [left + mercatorX(lon) * scale, top + mercatorY(lat) * scale];
}

function tracePolygon(context, project, rings) {
  for (const ring of rings) {
    ring.forEach(([lon, lat], index) => {
      const [x, y] = project(lon, lat);
      if (index === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    });
    context.closePath();
  }
}

function traceShape(context, project, geometry) {
  context.beginPath();
  if (geometry.type === "Polygon") tracePolygon(context, project, geometry.coordinates);
  else if (geometry.type === "MultiPolygon") {
    for (const polygon of geometry.coordinates) tracePolygon(context, project, polygon);
  }
}

// Draw the data on the first-paint canvas, as the layers of create() draw it: fills, white borders,
// participants outlined in ink, then the small states' markers.
function firstPaint(root, state, collection) {
  const box = state.first;
  const width = state.canvas.clientWidth;
  const height = state.canvas.clientHeight;
  if (!box || !width || !height) return;
  const ratio = window.devicePixelRatio || 1;
  box.width = Math.round(width * ratio);
  box.height = Math.round(height * ratio);
  const context = box.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  const data = state.data;
  const colours = new Map(data.states.map((shown) => [shown.code, shown.colour]));
  const project = fitProjection(data.bounds, width, height, PADDING);
  context.lineJoin = "round";
  for (const feature of collection.features) {
    traceShape(context, project, feature.geometry);
    context.fillStyle = colours.get(feature.properties.iso) || data.neutral;
    context.fill("evenodd");
    context.strokeStyle = "#ffffff";
    context.lineWidth = 0.6;
    context.stroke();
  }
  context.strokeStyle = data.ink;
  context.lineWidth = 0.8;
  for (const feature of collection.features) {
    if (!colours.has(feature.properties.iso)) continue;
    traceShape(context, project, feature.geometry);
    context.stroke();
  }
  context.lineWidth = 1;
  for (const marker of data.markers) {
    const [x, y] = project(marker.lon, marker.lat);
    context.beginPath();
    context.arc(x, y, 7, 0, 2 * Math.PI);
    context.fillStyle = colours.get(marker.code) || data.neutral;
    context.fill();
    context.stroke();
  }
  state.title.textContent = data.title;
  state.title.title = data.title; // the whole title when the header cuts it
  labelDownload(state, data);
  drawLegend(state.legend, data.legend);
  root.dataset.firstPaintAt = String(performance.now());
  root.dataset.firstPaint = String(state.version);
}

// MapLibre has drawn: the plain canvas goes.
function dropFirstPaint(state) {
  if (state.first) state.first.remove();
  state.first = null;
}

// --- the map ---------------------------------------------------------------------------------

async function create(root, state) {
  const shaped = loadShapes(state.data.geojson);
  // The plain canvas is drawn once the shapes are here and the stylesheets have sized the box.
  Promise.all([shaped, state.styled]).then(([collection]) => {
    state.collection = collection;
    if (state.first) firstPaint(root, state, collection);
  });
  const [maplibre, collection] = await Promise.all([loadLibrary(), shaped]);
  const map = new maplibre.Map({
    container: state.canvas,
    style: {
      version: 8,
      sources: {},
      // New colours show at once: the default 300 ms fade would only delay reading them.
      transition: { duration: 0, delay: 0 },
      layers: [{ id: "background", type: "background", paint: { "background-color": "#ffffff" } }],
    },
    bounds: state.data.bounds,
    fitBoundsOptions: { padding: PADDING },
    renderWorldCopies: false,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
  state.map = map;
  root.__summitMap = map;
  map.on("load", () => {
    const data = state.data; // the latest: the data may have changed while the map was loading
    // MapLibre simplifies shapes per zoom (tolerance 0.375 by default); that simplification drops
    // Ukraine's fill below zoom 2 (the World view), so shapes are simplified less.
    map.addSource(SHAPES, { type: "geojson", data: collection, tolerance: 0.1, promoteId: "iso" });
    state.markers = markerCollection(data);
    map.addSource(MARKERS, { type: "geojson", data: state.markers, promoteId: "iso" });
    map.addLayer({ id: "fill", type: "fill", source: SHAPES, paint: { "fill-color": FILL(data.neutral) } });
    // White borders between all shapes, then participants outlined in ink on top.
    map.addLayer({ id: "borders", type: "line", source: SHAPES, paint: { "line-color": "#ffffff", "line-width": 0.6 } });
    map.addLayer({
      id: "outlines",
      type: "line",
      source: SHAPES,
      paint: { "line-color": OUTLINE(data.ink), "line-width": BORDER_WIDTH },
    });
    map.addLayer({
      id: "markers",
      type: "circle",
      source: MARKERS,
      paint: {
        "circle-radius": 7,
        "circle-color": MARKER_COLOUR(data.neutral),
        "circle-stroke-color": data.ink,
        "circle-stroke-width": 1,
      },
    });
    paint(state);
    for (const layer of ["fill", "markers"]) {
      map.on("mousemove", layer, (event) => hover(state, event));
      map.on("mouseleave", layer, () => hover(state, null));
      map.on("click", layer, (event) => select(state, event));
    }
    finish(root, state, true);
  });
}

function update(root, state) {
  const map = state.map;
  if (!map || !map.getLayer("fill")) {
    // Still loading: `load` draws the latest data; the plain canvas shows it meanwhile.
    if (state.first && state.collection) firstPaint(root, state, state.collection);
    return;
  }
  const data = state.data;
  paint(state);
  const markers = markerCollection(data);
  const moved = String(state.bounds) !== String(data.bounds);
  const reshaped = moved || JSON.stringify(markers) !== JSON.stringify(state.markers);
  if (reshaped) map.getSource(MARKERS).setData(markers);
  state.markers = markers;
  if (moved) map.fitBounds(data.bounds, { padding: PADDING, animate: false });
  finish(root, state, reshaped);
}

// The download button in the interface's language (summit_ui/map_component.py sends the words).
function labelDownload(state, data) {
  state.download.textContent = data.download_label;
  state.download.title = data.download_help;
}

// Tells tests and the benchmark which data the map shows once it has drawn it: data-drawn = version,
// data-drawn-at = when (performance.now()). New shapes or markers are drawn once the map is idle (their
// tiles cut by the worker); new colours in the next frame.
function finish(root, state, reshaped) {
  const version = state.version;
  state.bounds = state.data.bounds;
  state.title.textContent = state.data.title;
  state.title.title = state.data.title;
  labelDownload(state, state.data);
  drawLegend(state.legend, state.data.legend);
  hover(state, null);
  state.map.once(reshaped ? "idle" : "render", () => {
    if (state.version !== version) return;
    dropFirstPaint(state);
    root.dataset.drawnAt = String(performance.now());
    root.dataset.drawn = String(version);
  });
  state.map.triggerRepaint();
}

function stateAt(state, event) {
  const feature = event && event.features && event.features[0];
  const code = feature && feature.properties.iso;
  return code ? state.data.states.find((s) => s.code === code) : null;
}

function hover(state, event) {
  const shown = stateAt(state, event);
  const tip = state.tooltip;
  if (!shown) {
    tip.hidden = true;
    if (state.map) state.map.getCanvas().style.cursor = "";
    return;
  }
  state.map.getCanvas().style.cursor = "pointer";
  tip.replaceChildren();
  shown.hover.forEach((line, index) => {
    element(index === 0 ? "strong" : "div", "", tip).textContent = line;
  });
  tip.hidden = false;
  const { x, y } = event.point;
  const width = state.canvas.clientWidth;
  tip.style.left = `${Math.min(x + 14, Math.max(0, width - tip.offsetWidth - 4))}px`;
  tip.style.top = `${y + 14}px`;
}

function select(state, event) {
  const shown = stateAt(state, event);
  if (shown) state.setTriggerValue("selected", shown.code);
}

export default function render(component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".summit-map");
  if (!root) {
    root = element("div", "summit-map", parentElement);
    const stylesheets = STYLESHEETS.map((href) => {
      const stylesheet = element("link", "", root);
      stylesheet.rel = "stylesheet";
      stylesheet.href = absolute(href);
      return new Promise((resolve) => {
        stylesheet.onload = resolve;
        stylesheet.onerror = resolve;
      });
    });
    const header = element("div", "summit-map-header", root);
    const title = element("div", "summit-map-title", header);
    const download = element("button", "summit-map-download", header);
    download.type = "button";
    const canvas = element("div", "summit-map-canvas", root);
    const first = element("canvas", "summit-map-first", canvas);
    first.setAttribute("aria-hidden", "true");
    root.__summit = {
      title,
      download,
      canvas,
      first,
      styled: Promise.all(stylesheets),
      legend: element("div", "summit-map-legend", root),
      tooltip: element("div", "summit-map-tooltip", root),
      version: 0,
    };
    root.__summit.tooltip.hidden = true;
    root.setAttribute("role", "figure");
  }
  const state = root.__summit;
  root.querySelector(".summit-map-download").onclick = () => downloadPng(state);
  state.data = data;
  state.setTriggerValue = setTriggerValue;
  state.version += 1;
  root.style.height = `${data.height}px`;
  root.setAttribute("aria-label", data.alt);
  if (!state.creating) {
    state.creating = create(root, state).catch((error) => {
      // Said in words where the map would be; the list beside the map still has everyone.
      root.dataset.error = String(error);
      state.canvas.textContent = `The map could not be drawn (${error}). The list of participants has everyone.`;
      console.error(error);
    });
  } else {
    update(root, state);
  }
  return () => {
    if (state.map) state.map.remove();
    root.remove();
  };
}
