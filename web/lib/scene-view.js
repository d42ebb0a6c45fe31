// Live 3D previews of `scene` outputs: one transparent WebGL canvas laid over
// the ImGui canvas and one three.js renderer drawing every visible scene
// preview in its own scissor rectangle. Copying pixels into an ImGui texture
// costs 5-7 ms per preview; drawing straight onto an overlay costs nothing
// per preview beyond the render itself.
//
// The editor (C++) calls frame(items) after every frame it draws, with the
// screen rectangle of each visible scene preview (CSS pixels), the rectangle
// that clips it (the canvas region) and the scene's content hash. A scene not
// seen before is asked for once (sceneText(hash) -> JSON text). While any
// visible scene animates the view asks the editor for the next frame
// (requestFrame); with nothing animated or nothing on screen it asks nothing.
//
// openViewer(sceneJson) shows one scene full size with orbit controls (drag
// to turn, wheel to zoom, Esc or the button to close).
import { sceneBuilder } from './scene-builder.js';

export function createSceneView({ THREE, host, requestFrame, sceneText, now = () => performance.now() }) {
  const builder = sceneBuilder(THREE);
  const overlay = document.createElement('canvas');
  overlay.id = 'scene-overlay';
  overlay.setAttribute('aria-hidden', 'true');
  Object.assign(overlay.style, { position: 'fixed', left: '0', top: '0', width: '100vw', height: '100vh',
                                 pointerEvents: 'none', zIndex: '1' });
  host.appendChild(overlay);
  const renderer = new THREE.WebGLRenderer({ canvas: overlay, alpha: true, antialias: true,
                                             preserveDrawingBuffer: true });
  renderer.setClearColor(0x000000, 0);
  renderer.autoClear = false;

  const scenes = new Map();  // hash -> {json, built, errors, lastUsed, animated}
  let lastTime = null;
  let drawn = [];  // what the last frame drew: [{id, x, y, w, h}]
  let stats = { frames: 0, renders: 0, lastFrameMs: 0, totalMs: 0, animating: false };
  let viewer = null;

  function sceneFor(hash) {
    let entry = scenes.get(hash);
    if (!entry) {
      const text = sceneText(hash);
      if (!text) return null;
      const json = JSON.parse(text);
      entry = { json, built: null, error: null, animated: builder.isAnimated(json) };
      try {
        entry.built = builder.buildScene(json);
      } catch (error) {
        entry.error = String(error?.message || error);
        console.warn(`scene preview: ${entry.error}`);
      }
      scenes.set(hash, entry);
    }
    return entry;
  }

  function fitSize() {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(window.innerWidth * ratio);
    const height = Math.round(window.innerHeight * ratio);
    if (overlay.width !== width || overlay.height !== height) {
      renderer.setPixelRatio(ratio);
      renderer.setSize(window.innerWidth, window.innerHeight, false);
    }
  }

  // items: [{id, hash, x, y, w, h, clip: {x, y, w, h}}], CSS pixels from the top left.
  function frame(items) {
    const started = now();
    fitSize();
    const seconds = lastTime === null ? 0 : Math.min(0.1, (started - lastTime) / 1000);
    lastTime = started;
    // A scene's background leaves its colour as the clear colour: reset it, or the clear would paint the canvas.
    renderer.setClearColor(0x000000, 0);
    renderer.setScissorTest(false);
    renderer.clear();
    const height = window.innerHeight;
    const visible = [];
    let animating = false;
    const used = new Set();
    for (const item of items) {
      const entry = sceneFor(item.hash);
      if (!entry?.built) continue;
      used.add(item.hash);
      // Clip the preview's rectangle by the canvas region: previews half off the canvas are cut, not squeezed.
      const left = Math.max(item.x, item.clip.x);
      const top = Math.max(item.y, item.clip.y);
      const right = Math.min(item.x + item.w, item.clip.x + item.clip.w);
      const bottom = Math.min(item.y + item.h, item.clip.y + item.clip.h);
      if (right - left < 1 || bottom - top < 1) continue;
      if (entry.animated) {
        builder.stepAnimation(entry.json, entry.built, seconds);
        animating = true;
      }
      const { camera, scene } = entry.built;
      const aspect = item.w / item.h;
      if (camera.aspect !== aspect) {
        camera.aspect = aspect;
        camera.updateProjectionMatrix();
      }
      // WebGL's origin is the bottom left; the viewport is the whole preview, the scissor the visible part.
      renderer.setViewport(item.x, height - item.y - item.h, item.w, item.h);
      renderer.setScissor(left, height - bottom, right - left, bottom - top);
      renderer.setScissorTest(true);
      renderer.render(scene, camera);
      visible.push({ id: item.id, hash: item.hash, x: left, y: top, w: right - left, h: bottom - top });
    }
    renderer.setScissorTest(false);
    drawn = visible;
    // Scenes no longer shown for a while are freed (a re-run brings a new hash).
    for (const [hash, entry] of scenes) {
      if (used.has(hash)) entry.lastUsed = started;
      else if (started - (entry.lastUsed ?? started) > 10000) {
        if (entry.built) builder.disposeScene(entry.built);
        scenes.delete(hash);
      }
    }
    const spent = now() - started;
    stats = { frames: stats.frames + 1, renders: stats.renders + visible.length, lastFrameMs: spent,
              totalMs: stats.totalMs + spent, animating };
    if (animating) requestFrame();
    else lastTime = null;  // the next animation starts from where it stopped, not with a jump
  }

  function openViewer(json, title = '3D scene') {
    closeViewer();
    const built = builder.buildScene(json);
    const panel = document.createElement('div');
    panel.id = 'scene-viewer';
    Object.assign(panel.style, { position: 'fixed', inset: '4vh 4vw', zIndex: '10', background: '#1e1e2e',
                                 border: '1px solid #556', borderRadius: '6px', overflow: 'hidden' });
    const canvas = document.createElement('canvas');
    Object.assign(canvas.style, { width: '100%', height: '100%', display: 'block', cursor: 'grab' });
    const bar = document.createElement('div');
    Object.assign(bar.style, { position: 'absolute', top: '0', left: '0', right: '0', padding: '6px 10px',
                               font: '14px system-ui, sans-serif', color: '#dde', background: 'rgba(0,0,0,0.4)',
                               display: 'flex', justifyContent: 'space-between' });
    const label = document.createElement('span');
    label.textContent = `${title} — drag to turn, wheel to zoom`;
    const close = document.createElement('button');
    close.textContent = 'Close';
    close.onclick = closeViewer;
    bar.append(label, close);
    panel.append(canvas, bar);
    document.body.appendChild(panel);
    const view = new THREE.WebGLRenderer({ canvas, antialias: true });
    view.setPixelRatio(window.devicePixelRatio || 1);
    const orbit = orbitControls(THREE, built.camera, canvas, json.camera?.target ?? [0, 0, 0]);
    let last = now();
    let raf = 0;
    const tick = () => {
      const t = now();
      const { clientWidth: w, clientHeight: h } = canvas;
      if (canvas.width !== Math.round(w * view.getPixelRatio())) view.setSize(w, h, false);
      built.camera.aspect = w / Math.max(1, h);
      built.camera.updateProjectionMatrix();
      builder.stepAnimation(json, built, Math.min(0.1, (t - last) / 1000));
      last = t;
      view.render(built.scene, built.camera);
      // The viewer animates only while the scene does or the user is turning it.
      if (builder.isAnimated(json) || orbit.moving()) raf = requestAnimationFrame(tick);
      else raf = 0;
    };
    orbit.onChange = () => { if (!raf) raf = requestAnimationFrame(tick); };
    const onKey = (event) => { if (event.key === 'Escape') closeViewer(); };
    window.addEventListener('keydown', onKey, true);
    viewer = { panel, view, built, orbit, onKey, stop: () => cancelAnimationFrame(raf), canvas };
    raf = requestAnimationFrame(tick);
    return viewer;
  }

  function closeViewer() {
    if (!viewer) return false;
    viewer.stop();
    viewer.orbit.dispose();
    window.removeEventListener('keydown', viewer.onKey, true);
    builder.disposeScene(viewer.built);
    viewer.view.dispose();
    viewer.panel.remove();
    viewer = null;
    return true;
  }

  return {
    frame, openViewer, closeViewer, overlay, renderer,
    // For tests and the bench: what the last frame drew and counters.
    state: () => ({ drawn, scenes: scenes.size, viewer: Boolean(viewer), ...stats }),
  };
}

// Orbit controls of our own (three's example controls import 'three' by a
// bare name the page has no import map for): drag turns the camera around
// the target on a sphere, the wheel changes the distance.
function orbitControls(THREE, camera, element, target) {
  const centre = new THREE.Vector3(...target);
  const offset = camera.position.clone().sub(centre);
  const spherical = new THREE.Spherical().setFromVector3(offset);
  let dragging = null;
  const controls = { onChange: null, moving: () => Boolean(dragging) };
  const apply = () => {
    spherical.phi = Math.min(Math.PI - 0.01, Math.max(0.01, spherical.phi));
    camera.position.copy(centre).add(new THREE.Vector3().setFromSpherical(spherical));
    camera.lookAt(centre);
    controls.onChange?.();
  };
  const down = (event) => {
    dragging = { x: event.clientX, y: event.clientY };
    element.setPointerCapture?.(event.pointerId);
    element.style.cursor = 'grabbing';
  };
  const move = (event) => {
    if (!dragging) return;
    const scale = (2 * Math.PI) / Math.max(1, element.clientHeight);
    spherical.theta -= (event.clientX - dragging.x) * scale;
    spherical.phi -= (event.clientY - dragging.y) * scale;
    dragging = { x: event.clientX, y: event.clientY };
    apply();
  };
  const up = () => {
    dragging = null;
    element.style.cursor = 'grab';
  };
  const wheel = (event) => {
    event.preventDefault();
    spherical.radius = Math.max(0.01, spherical.radius * Math.exp(event.deltaY * 0.001));
    apply();
  };
  element.addEventListener('pointerdown', down);
  element.addEventListener('pointermove', move);
  element.addEventListener('pointerup', up);
  element.addEventListener('wheel', wheel, { passive: false });
  controls.dispose = () => {
    element.removeEventListener('pointerdown', down);
    element.removeEventListener('pointermove', move);
    element.removeEventListener('pointerup', up);
    element.removeEventListener('wheel', wheel);
  };
  controls.spherical = spherical;
  return controls;
}
