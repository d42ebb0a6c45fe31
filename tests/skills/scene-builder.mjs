// Builds real three.js objects from scene JSON (schema: skills/README.md).
// The tests use it to prove a threejs skill's output is buildable; the
// browser view is expected to follow the same mapping.

import * as THREE from 'three';

const vec3 = (a, fallback = [0, 0, 0]) => {
  const v = a ?? fallback;
  if (!Array.isArray(v) || v.length !== 3 || !v.every(Number.isFinite)) throw new Error(`expected [x, y, z], got ${JSON.stringify(a)}`);
  return v;
};

function geometryFor(g) {
  switch (g?.type) {
    case 'box': return new THREE.BoxGeometry(g.width ?? 1, g.height ?? 1, g.depth ?? 1);
    case 'sphere': return new THREE.SphereGeometry(g.radius ?? 1, g.widthSegments ?? 32, g.heightSegments ?? 16);
    case 'plane': return new THREE.PlaneGeometry(g.width ?? 1, g.height ?? 1);
    case 'cylinder': return new THREE.CylinderGeometry(g.radiusTop ?? 1, g.radiusBottom ?? 1, g.height ?? 1, g.radialSegments ?? 32);
    case 'torus': return new THREE.TorusGeometry(g.radius ?? 1, g.tube ?? 0.4, g.radialSegments ?? 16, g.tubularSegments ?? 48);
    default: throw new Error(`unknown geometry type '${g?.type}'`);
  }
}

// Flat number arrays -> BufferGeometry; checks lengths and index range.
function bufferGeometry(o) {
  const { positions, colors, indices, normals } = o;
  if (!Array.isArray(positions) || positions.length % 3 !== 0) throw new Error(`${o.id}: positions must be a flat [x,y,z,...] array`);
  if (!positions.every(Number.isFinite)) throw new Error(`${o.id}: positions contain non-finite numbers`);
  const geo = new THREE.BufferGeometry();
  const n = positions.length / 3;
  geo.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  if (colors !== undefined) {
    if (!Array.isArray(colors) || colors.length !== positions.length) throw new Error(`${o.id}: colors must have one r,g,b per vertex`);
    if (!colors.every((c) => c >= 0 && c <= 1)) throw new Error(`${o.id}: colour components must be in 0..1`);
    geo.setAttribute('color', new THREE.Float32BufferAttribute(colors, 3));
  }
  if (indices !== undefined) {
    if (!Array.isArray(indices) || indices.length % 3 !== 0 && o.kind !== 'line') throw new Error(`${o.id}: indices must be triangles`);
    if (!indices.every((i) => Number.isInteger(i) && i >= 0 && i < n)) throw new Error(`${o.id}: index out of range`);
    geo.setIndex(indices);
  }
  if (normals !== undefined) geo.setAttribute('normal', new THREE.Float32BufferAttribute(normals, 3));
  else if (o.kind === 'surface' || o.kind === 'buffer') geo.computeVertexNormals();
  geo.computeBoundingBox();
  return geo;
}

const SIDES = { front: THREE.FrontSide, back: THREE.BackSide, double: THREE.DoubleSide };

function meshMaterial(m = {}) {
  const common = {
    color: new THREE.Color(m.color ?? '#ffffff'),
    wireframe: !!m.wireframe,
    vertexColors: !!m.vertexColors,
    side: SIDES[m.side ?? 'front'],
    transparent: m.opacity !== undefined && m.opacity < 1,
    opacity: m.opacity ?? 1,
  };
  if (common.side === undefined) throw new Error(`unknown side '${m.side}'`);
  switch (m.type ?? 'standard') {
    case 'standard': return new THREE.MeshStandardMaterial({ ...common, metalness: m.metalness ?? 0, roughness: m.roughness ?? 1 });
    case 'phong': return new THREE.MeshPhongMaterial(common);
    case 'basic': return new THREE.MeshBasicMaterial(common);
    default: throw new Error(`unknown material type '${m.type}'`);
  }
}

function objectFor(o) {
  let obj;
  switch (o.kind) {
    case 'mesh': obj = new THREE.Mesh(geometryFor(o.geometry), meshMaterial(o.material)); break;
    case 'surface':
    case 'buffer': obj = new THREE.Mesh(bufferGeometry(o), meshMaterial(o.material)); break;
    case 'points': {
      const m = o.material ?? {};
      obj = new THREE.Points(bufferGeometry(o), new THREE.PointsMaterial({
        color: new THREE.Color(m.color ?? '#ffffff'), size: m.size ?? 1, sizeAttenuation: m.sizeAttenuation ?? true, vertexColors: !!m.vertexColors,
      }));
      break;
    }
    case 'line': {
      const m = o.material ?? {};
      const mat = new THREE.LineBasicMaterial({ color: new THREE.Color(m.color ?? '#ffffff'), vertexColors: !!m.vertexColors });
      const Kind = o.segments ? THREE.LineSegments : o.closed ? THREE.LineLoop : THREE.Line;
      obj = new Kind(bufferGeometry(o), mat);
      break;
    }
    default: throw new Error(`unknown object kind '${o.kind}'`);
  }
  obj.name = o.id ?? '';
  obj.position.fromArray(vec3(o.position));
  obj.rotation.fromArray(vec3(o.rotation));
  obj.scale.fromArray(vec3(o.scale, [1, 1, 1]));
  return obj;
}

function lightFor(l) {
  const color = new THREE.Color(l.color ?? '#ffffff');
  const intensity = l.intensity ?? 1;
  let light;
  switch (l.type) {
    case 'ambient': return new THREE.AmbientLight(color, intensity);
    case 'directional': light = new THREE.DirectionalLight(color, intensity); break;
    case 'point': light = new THREE.PointLight(color, intensity, l.distance ?? 0); break;
    case 'hemisphere': return new THREE.HemisphereLight(color, new THREE.Color(l.ground_color ?? '#444444'), intensity);
    default: throw new Error(`unknown light type '${l.type}'`);
  }
  light.position.fromArray(vec3(l.position, [0, 1, 0]));
  return light;
}

// Returns {scene, camera, byId}; throws on anything outside the schema.
export function buildScene(json) {
  if (json?.type !== 'scene') throw new Error('scene JSON must have type "scene"');
  const scene = new THREE.Scene();
  if (json.background) scene.background = new THREE.Color(json.background);
  const c = json.camera ?? {};
  if ((c.type ?? 'perspective') !== 'perspective') throw new Error(`unknown camera type '${c.type}'`);
  const camera = new THREE.PerspectiveCamera(c.fov ?? 50, 1, c.near ?? 0.1, c.far ?? 1000);
  camera.position.fromArray(vec3(c.position, [0, 0, 5]));
  camera.lookAt(new THREE.Vector3(...vec3(c.target)));
  for (const l of json.lights ?? []) scene.add(lightFor(l));
  const byId = new Map();
  for (const o of json.objects) {
    const obj = objectFor(o);
    if (o.id) {
      if (byId.has(o.id)) throw new Error(`duplicate object id '${o.id}'`);
      byId.set(o.id, obj);
    }
    scene.add(obj);
  }
  for (const id of json.animation?.targets ?? []) if (!byId.has(id)) throw new Error(`animation target '${id}' is not an object id`);
  return { scene, camera, byId };
}

// Advances the animation by `seconds` the way the view does each frame.
export function stepAnimation(json, built, seconds) {
  const a = json.animation;
  if (!a) return;
  const axis = vec3(a.axis, [0, 1, 0]);
  for (const id of a.targets ?? []) {
    const obj = built.byId.get(id);
    obj.rotation.x += a.rotation_speed * axis[0] * seconds;
    obj.rotation.y += a.rotation_speed * axis[1] * seconds;
    obj.rotation.z += a.rotation_speed * axis[2] * seconds;
  }
}

export { THREE };
