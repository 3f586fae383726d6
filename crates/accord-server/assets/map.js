// The operational picture (templates/map.html): Leaflet over the Natural Earth countries
// (world-atlas, turned into GeoJSON by topojson-client), the items of GET /api/v1/map for the
// viewport and filters, a list beside the map whose every entry focuses its item and opens its
// popup, and live changes from GET /api/v1/map/stream (server-sent events). An alert leaves the
// map when its expiry passes. Everything is drawn as SVG vectors (no marker images), and styles
// are set from script through the DOM, which the Content-Security-Policy allows.
"use strict";
(function () {
  const app = document.getElementById("map-app");
  if (!app || !window.L || !window.topojson) return;
  const lang = app.dataset.lang || "en";
  const t = (key) => {
    const name = "t" + key.split("-").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
    return app.dataset[name] || key;
  };
  const word = (prefix, value) => (value ? t(prefix + "-" + String(value).replace(/_/g, "-")) : "");
  const localText = (value) => {
    if (!value) return "";
    if (typeof value === "string") return value;
    return value[lang] || Object.values(value)[0] || "";
  };
  const SEVERITY = { minor: 1, moderate: 2, severe: 3, extreme: 4 };
  const READINESS = { ready: "#2b8a3e", reduced: "#f59f00", not_available: "#868e96", deployed: "#1c7ed6" };

  const map = L.map("map", {
    minZoom: 2,
    maxBounds: [[-90, -200], [90, 200]],
    worldCopyJump: false,
    attributionControl: false,
  }).setView([45, 45], 4);
  map.createPane("countries").style.zIndex = "250";

  fetch(app.dataset.atlas, { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : null))
    .then((topo) => {
      if (!topo) return;
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        pane: "countries",
        interactive: false,
        style: { color: "#8a8a8a", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map);
    });

  const layer = L.layerGroup().addTo(map);
  const items = new Map(); // id -> { props, layers, expiry }
  const list = document.getElementById("map-items");
  const status = document.getElementById("map-status");
  const form = document.getElementById("map-filters");
  const fields = ["type", "severity", "state"];
  let aggregated = false;

  // Filters: taken from the address (the form also works without script), kept there.
  const params = new URLSearchParams(location.search);
  for (const name of fields) {
    const select = form.elements[name];
    if (select && params.get(name)) select.value = params.get(name);
  }
  const filters = () => {
    const out = {};
    for (const name of fields) out[name] = form.elements[name].value;
    return out;
  };
  const passes = (p) => {
    const f = filters();
    if (p.kind !== "unit") {
      if (f.type && !(p.types || []).includes(f.type)) return false;
      if (f.severity && !(SEVERITY[p.severity] >= SEVERITY[f.severity])) return false;
    }
    if (f.state && !(p.states || []).includes(f.state)) return false;
    if (p.expires && Date.parse(p.expires) <= Date.now()) return false;
    return true;
  };

  function bbox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    let west = clamp(b.getWest(), -180, 180);
    let east = clamp(b.getEast(), -180, 180);
    const south = clamp(b.getSouth(), -90, 90);
    const north = clamp(b.getNorth(), -90, 90);
    if (!(west < east)) { west = -180; east = 180; }
    return [west, south, east, north].map((v) => v.toFixed(5)).join(",");
  }

  function popupFor(p) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = label(p);
    box.appendChild(title);
    const line = (name, value) => {
      if (!value) return;
      const row = document.createElement("div");
      row.textContent = name + ": " + value;
      box.appendChild(row);
    };
    if (p.kind === "alert") {
      line(t("severity-label"), word("severity", p.severity));
      if (p.area) line(t("alert"), p.area);
      if (p.radius_m) line(t("radius"), (p.radius_m / 1000).toFixed(1));
      if (p.expires) line(t("expires"), new Date(p.expires).toLocaleString(lang));
    } else if (p.kind === "incident") {
      line(t("severity-label"), word("severity", p.severity));
      line(t("status-label"), word("incident-status", p.status));
      line(t("filter-state"), (p.affected || []).join(", "));
    } else if (p.kind === "unit") {
      line(t("readiness-label"), word("readiness", p.readiness));
      line(t("capability-label"), word("capability", p.capability));
    }
    if (p.link) {
      const a = document.createElement("a");
      a.href = p.link;
      a.textContent = p.kind === "alert" ? t("open-incident-from-alert")
        : p.kind === "incident" ? t("open-incident") : t("open-units");
      const row = document.createElement("div");
      row.appendChild(a);
      box.appendChild(row);
    }
    return box;
  }

  function label(p) {
    if (p.kind === "alert") return p.label || p.event || "#" + p.alert;
    if (p.kind === "cluster") return t("cluster") + ": " + p.count;
    return localText(p.title) || p.id;
  }

  function kindText(p) {
    if (p.kind === "alert") return t("alert") + (p.severity ? " · " + word("severity", p.severity) : "");
    if (p.kind === "incident") return t("incident") + " · " + word("incident-type", p.incident_type);
    if (p.kind === "unit") return t("unit") + " · " + word("readiness", p.readiness);
    return t("zoom-in");
  }

  function draw(feature) {
    const p = feature.properties;
    const g = feature.geometry;
    if (p.kind === "cluster") {
      const [lon, lat] = g.coordinates;
      return L.circleMarker([lat, lon], {
        radius: 8 + 4 * Math.log10(p.count + 1),
        color: "#5c3d99", fillColor: "#9775fa", fillOpacity: 0.6, weight: 2,
      });
    }
    if (g.type === "Polygon") {
      const style = p.kind === "alert"
        ? { color: "#d9480f", weight: 2, fillColor: "#f6c48e", fillOpacity: 0.35 }
        : { color: "#7d1a1a", weight: 2, fillColor: "#c92a2a", fillOpacity: 0.3 };
      return L.geoJSON(feature, { style });
    }
    const [lon, lat] = g.coordinates;
    if (p.kind === "alert") {
      return L.circle([lat, lon], {
        radius: p.radius_m || 1000, color: "#d9480f", weight: 2, fillColor: "#f6c48e", fillOpacity: 0.35,
      });
    }
    if (p.kind === "incident") {
      return L.circleMarker([lat, lon], { radius: 9, color: "#7d1a1a", fillColor: "#c92a2a", fillOpacity: 0.9, weight: 2 });
    }
    return L.circleMarker([lat, lon], {
      radius: 6, color: "#333", weight: 2, fillColor: READINESS[p.readiness] || "#868e96", fillOpacity: 1,
    });
  }

  function remove(id) {
    const item = items.get(id);
    if (!item) return;
    for (const l of item.layers) layer.removeLayer(l);
    if (item.timer) clearTimeout(item.timer);
    if (item.li) item.li.remove();
    items.delete(id);
  }

  function focus(id) {
    const item = items.get(id);
    if (!item || !item.layers.length) return;
    const first = item.layers[0];
    const bounds = L.featureGroup(item.layers).getBounds();
    if (bounds.isValid()) {
      if (item.props.kind === "cluster") map.fitBounds(L.latLngBounds(
        [item.props.bbox[1], item.props.bbox[0]], [item.props.bbox[3], item.props.bbox[2]]));
      else map.fitBounds(bounds, { maxZoom: Math.max(map.getZoom(), 8), padding: [20, 20] });
    }
    if (item.props.kind !== "cluster") first.openPopup();
  }

  function add(id, features) {
    remove(id);
    if (!features.length || !passes(features[0].properties)) return;
    const props = features[0].properties;
    const layers = features.map((f) => {
      const l = draw(f);
      if (props.kind !== "cluster") l.bindPopup(() => popupFor(f.properties));
      else l.on("click", () => focus(id));
      l.addTo(layer);
      return l;
    });
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.id = id;
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = kindText(props);
    button.append(label(props), kind);
    button.addEventListener("click", () => focus(id));
    li.appendChild(button);
    list.appendChild(li);
    const item = { props, layers, li };
    if (props.expires) {
      const wait = Date.parse(props.expires) - Date.now();
      if (wait < 2147483647) item.timer = setTimeout(() => { remove(id); summary(); }, Math.max(0, wait));
    }
    items.set(id, item);
  }

  let total = 0;
  function summary() {
    if (aggregated) status.textContent = t("aggregated") + " (" + total + ")";
    else if (!items.size) status.textContent = t("none");
    else status.textContent = t("count-shown") + ": " + items.size;
  }

  let loading = null;
  async function load() {
    if (loading) loading.abort();
    const controller = new AbortController();
    loading = controller;
    const query = new URLSearchParams({ bbox: bbox() });
    for (const [k, v] of Object.entries(filters())) if (v) query.set(k, v);
    let data;
    try {
      const response = await fetch(app.dataset.api + "?" + query, { credentials: "same-origin", signal: controller.signal });
      if (!response.ok) return;
      data = await response.json();
    } catch (e) {
      return;
    }
    if (loading !== controller) return;
    loading = null;
    for (const id of Array.from(items.keys())) remove(id);
    aggregated = data.aggregated;
    total = data.total;
    const grouped = new Map();
    for (const f of data.features) {
      const id = f.properties.id;
      if (!grouped.has(id)) grouped.set(id, []);
      grouped.get(id).push(f);
    }
    for (const [id, features] of grouped) add(id, features);
    summary();
  }

  let timer = null;
  const soon = () => { clearTimeout(timer); timer = setTimeout(load, 150); };
  map.on("moveend", soon);
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  form.addEventListener("change", () => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filters())) if (v) query.set(k, v);
    history.replaceState(null, "", location.pathname + (query.toString() ? "?" + query : ""));
    load();
  });

  // Live changes. EventSource reconnects by itself after a dropped connection; each (re)opening
  // loads the viewport again, so that nothing missed while disconnected stays missing.
  function connect() {
    const source = new EventSource(app.dataset.stream);
    source.addEventListener("open", () => { load(); status.dataset.live = "yes"; });
    source.addEventListener("map", (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (aggregated) { soon(); return; }
      const view = map.getBounds();
      for (const change of data.changes) {
        remove(change.id);
        const inside = change.features.some((f) => L.geoJSON(f).getBounds().intersects(view));
        if (inside) add(change.id, change.features);
      }
      summary();
    });
    source.addEventListener("reload", () => load());
    source.addEventListener("error", () => {
      status.textContent = t("reconnecting");
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
    });
  }
  if (window.EventSource) connect(); else load();
})();
