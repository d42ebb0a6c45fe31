// Builds three.js objects from a threejs skill's scene JSON (the schema in
// skills/README.md, section 5). The one mapping from scene JSON to three.js:
// the browser's 3D view and the tests both use it. three.js is handed in
// (`sceneBuilder(THREE)`), because the page loads it from vendor/three and
// Node from node_modules; this file imports nothing.
//
//   const { buildScene, stepAnimation, disposeScene } = sceneBuilder(THREE);
//   const built = buildScene(sceneJson);      // {scene, camera, byId}
//   stepAnimation(sceneJson, built, dt);      // each frame, dt in seconds
//   disposeScene(built);                      // frees geometries and materials
//
// Anything outside the schema (unknown kinds, geometry or material types, bad
// array lengths, indices out of range, non-finite numbers) throws an Error
// naming the object; nothing is silently skipped.

const vec3 = (value, fallback = [0, 0, 0]) => {
  const v = value ?? fallback;
  if (!Array.isArray(v) || v.length !== 3 || !v.every(Number.isFinite)) {
    throw new Error(`expected [x, y, z], got ${JSON.stringify(value)}`);
  }
  return v;
};

export function sceneBuilder(THREE) {
  if (!THREE?.Scene) throw new TypeError('sceneBuilder(THREE): pass the three.js module');
  const SIDES = { front: THREE.FrontSide, back: THREE.BackSide, double: THREE.DoubleSide };

  function geometryFor(g) {
    switch (g?.type) {
      case 'box': return new THREE.BoxGeometry(g.width ?? 1, g.height ?? 1, g.depth ?? 1);
      case 'sphere': return new THREE.SphereGeometry(g.radius ?? 1, g.widthSegments ?? 32, g.heightSegments ?? 16);
      case 'plane': return new THREE.PlaneGeometry(g.width ?? 1, g.height ?? 1);
      case 'cylinder':
        return new THREE.CylinderGeometry(g.radiusTop ?? 1, g.radiusBottom ?? 1, g.height ?? 1, g.radialSegments ?? 32);
      case 'torus':
        return new THREE.TorusGeometry(g.radius ?? 1, g.tube ?? 0.4, g.radialSegments ?? 16, g.tubularSegments ?? 48);
      default: throw new Error(`unknown geometry type '${g?.type}'`);
    }
  }

  // Flat number arrays -> BufferGeometry; checks lengths and index range.
  function bufferGeometry(o) {
    const { positions, colors, indices, normals } = o;
    if (!Array.isArray(positions) || positions.length % 3 !== 0) {
      throw new Error(`${o.id}: positions must be a flat [x,y,z,...] array`);
    }
    if (!positions.every(Number.isFinite)) throw new Error(`${o.id}: positions contain non-finite numbers`);
    const geometry = new THREE.BufferGeometry();
    const count = positions.length / 3;
    geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
    if (colors !== undefined) {
      if (!Array.isArray(colors) || colors.length !== positions.length) {
        throw new Error(`${o.id}: colors must have one r,g,b per vertex`);
      }
      if (!colors.every((c) => c >= 0 && c <= 1)) throw new Error(`${o.id}: colour components must be in 0..1`);
      geometry.setAttribute('color', new THREE.Float32BufferAttribute(colors, 3));
    }
    if (indices !== undefined) {
      if (!Array.isArray(indices) || (indices.length % 3 !== 0 && o.kind !== 'line')) {
        throw new Error(`${o.id}: indices must be triangles`);
      }
      if (!indices.every((i) => Number.isInteger(i) && i >= 0 && i < count)) throw new Error(`${o.id}: index out of range`);
      geometry.setIndex(indices);
    }
    if (normals !== undefined) {
      if (!Array.isArray(normals) || normals.length !== positions.length || !normals.every(Number.isFinite)) {
        throw new Error(`${o.id}: normals must have one finite x,y,z per vertex`);
      }
      geometry.setAttribute('normal', new THREE.Float32BufferAttribute(normals, 3));
    } else if (o.kind === 'surface' || o.kind === 'buffer') {
      geometry.computeVertexNormals();
    }
    geometry.computeBoundingBox();
    return geometry;
  }

  function meshMaterial(m = {}) {
    const side = SIDES[m.side ?? 'front'];
    if (side === undefined) throw new Error(`unknown side '${m.side}'`);
    const common = {
      color: new THREE.Color(m.color ?? '#ffffff'),
      wireframe: !!m.wireframe,
      vertexColors: !!m.vertexColors,
      side,
      transparent: m.opacity !== undefined && m.opacity < 1,
      opacity: m.opacity ?? 1,
    };
    switch (m.type ?? 'standard') {
      case 'standard':
        return new THREE.MeshStandardMaterial({ ...common, metalness: m.metalness ?? 0, roughness: m.roughness ?? 1 });
      case 'phong': return new THREE.MeshPhongMaterial(common);
      case 'basic': return new THREE.MeshBasicMaterial(common);
      default: throw new Error(`unknown material type '${m.type}'`);
    }
  }

  function objectFor(o) {
    let object;
    switch (o.kind) {
      case 'mesh': object = new THREE.Mesh(geometryFor(o.geometry), meshMaterial(o.material)); break;
      case 'surface':
      case 'buffer': object = new THREE.Mesh(bufferGeometry(o), meshMaterial(o.material)); break;
      case 'points': {
        const m = o.material ?? {};
        object = new THREE.Points(bufferGeometry(o), new THREE.PointsMaterial({
          color: new THREE.Color(m.color ?? '#ffffff'), size: m.size ?? 1, sizeAttenuation: m.sizeAttenuation ?? true,
          vertexColors: !!m.vertexColors,
        }));
        break;
      }
      case 'line': {
        const m = o.material ?? {};
        const material = new THREE.LineBasicMaterial({ color: new THREE.Color(m.color ?? '#ffffff'), vertexColors: !!m.vertexColors });
        const Kind = o.segments ? THREE.LineSegments : o.closed ? THREE.LineLoop : THREE.Line;
        object = new Kind(bufferGeometry(o), material);
        break;
      }
      default: throw new Error(`unknown object kind '${o.kind}'`);
    }
    object.name = o.id ?? '';
    object.position.fromArray(vec3(o.position));
    object.rotation.fromArray(vec3(o.rotation));
    object.scale.fromArray(vec3(o.scale, [1, 1, 1]));
    return object;
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

  // {scene, camera, byId}; `aspect` is the view's width / height.
  function buildScene(json, { aspect = 1 } = {}) {
    if (json?.type !== 'scene') throw new Error('scene JSON must have type "scene"');
    if (!Array.isArray(json.objects)) throw new Error('scene JSON must have an objects array');
    const scene = new THREE.Scene();
    if (json.background) scene.background = new THREE.Color(json.background);
    const c = json.camera ?? {};
    if ((c.type ?? 'perspective') !== 'perspective') throw new Error(`unknown camera type '${c.type}'`);
    const camera = new THREE.PerspectiveCamera(c.fov ?? 50, aspect, c.near ?? 0.1, c.far ?? 1000);
    camera.position.fromArray(vec3(c.position, [0, 0, 5]));
    camera.lookAt(new THREE.Vector3(...vec3(c.target)));
    for (const l of json.lights ?? []) scene.add(lightFor(l));
    const byId = new Map();
    for (const o of json.objects) {
      const object = objectFor(o);
      if (o.id) {
        if (byId.has(o.id)) throw new Error(`duplicate object id '${o.id}'`);
        byId.set(o.id, object);
      }
      scene.add(object);
    }
    for (const id of json.animation?.targets ?? []) {
      if (!byId.has(id)) throw new Error(`animation target '${id}' is not an object id`);
    }
    return { scene, camera, byId };
  }

  // Advances the animation by `seconds`, as the view does each frame:
  // rotation += rotation_speed * axis * seconds for every target.
  function stepAnimation(json, built, seconds) {
    const animation = json.animation;
    if (!animation) return;
    const axis = vec3(animation.axis, [0, 1, 0]);
    const speed = Number(animation.rotation_speed) || 0;
    for (const id of animation.targets ?? []) {
      const object = built.byId.get(id);
      object.rotation.x += speed * axis[0] * seconds;
      object.rotation.y += speed * axis[1] * seconds;
      object.rotation.z += speed * axis[2] * seconds;
    }
  }

  // True when the scene moves by itself (the view keeps requesting frames).
  function isAnimated(json) {
    const animation = json?.animation;
    return Boolean(animation && Number(animation.rotation_speed) && (animation.targets ?? []).length);
  }

  // Frees the GPU-side resources of a built scene (geometries, materials).
  function disposeScene(built) {
    built.scene.traverse((object) => {
      object.geometry?.dispose?.();
      const materials = Array.isArray(object.material) ? object.material : [object.material];
      for (const material of materials) material?.dispose?.();
    });
  }

  return { buildScene, stepAnimation, isAnimated, disposeScene };
}
