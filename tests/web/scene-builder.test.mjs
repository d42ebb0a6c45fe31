// web/lib/scene-builder.js: the schema's errors name what is wrong; the
// animation, isAnimated and disposal behave as the view relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as THREE from 'three';
import { sceneBuilder } from '../../web/lib/scene-builder.js';

const { buildScene, stepAnimation, isAnimated, disposeScene } = sceneBuilder(THREE);
const scene = (objects, extra = {}) => ({ type: 'scene', objects, ...extra });
const triangle = { id: 't', kind: 'buffer', positions: [0, 0, 0, 1, 0, 0, 0, 1, 0], indices: [0, 1, 2] };

test('needs the three.js module', () => {
  assert.throws(() => sceneBuilder({}), /pass the three.js module/);
});

test('refuses what the schema does not allow, naming it', () => {
  assert.throws(() => buildScene({ objects: [] }), /must have type "scene"/);
  assert.throws(() => buildScene(scene([{ kind: 'blob' }])), /unknown object kind 'blob'/);
  assert.throws(() => buildScene(scene([{ kind: 'mesh', geometry: { type: 'cone' } }])), /unknown geometry type 'cone'/);
  assert.throws(() => buildScene(scene([{ kind: 'mesh', geometry: { type: 'box' }, material: { type: 'toon' } }])),
                /unknown material type 'toon'/);
  assert.throws(() => buildScene(scene([{ ...triangle, indices: [0, 1, 3] }])), /t: index out of range/);
  assert.throws(() => buildScene(scene([{ ...triangle, positions: [0, 0] }])), /t: positions must be a flat/);
  assert.throws(() => buildScene(scene([{ ...triangle, positions: [0, 0, NaN, 1, 0, 0, 0, 1, 0] }])), /non-finite/);
  assert.throws(() => buildScene(scene([{ ...triangle, colors: [2, 0, 0, 0, 0, 0, 0, 0, 0] }])), /0\.\.1/);
  assert.throws(() => buildScene(scene([triangle, triangle])), /duplicate object id 't'/);
  assert.throws(() => buildScene(scene([triangle], { animation: { targets: ['x'], rotation_speed: 1 } })),
                /animation target 'x'/);
});

test('a buffer triangle gets computed normals facing +z, the camera looks at the target', () => {
  const built = buildScene(scene([triangle], { camera: { position: [0, 0, 4], target: [0, 0, 0], fov: 40 } }), { aspect: 2 });
  const normal = built.byId.get('t').geometry.getAttribute('normal');
  assert.deepEqual([normal.getX(0), normal.getY(0), normal.getZ(0)], [0, 0, 1]);
  assert.equal(built.camera.aspect, 2);
  assert.equal(built.camera.fov, 40);
  const forward = built.camera.getWorldDirection(new THREE.Vector3());
  assert.ok(Math.abs(forward.z + 1) < 1e-12, `camera looks along ${forward.toArray()}`);
});

test('stepAnimation turns targets by speed * axis * dt; isAnimated says when frames are needed', () => {
  const json = scene([{ id: 'c', kind: 'mesh', geometry: { type: 'box' } }],
                     { animation: { targets: ['c'], rotation_speed: 0.5, axis: [1, 0, 0] } });
  const built = buildScene(json);
  for (let i = 0; i < 10; i++) stepAnimation(json, built, 0.1);
  assert.ok(Math.abs(built.byId.get('c').rotation.x - 0.5) < 1e-12);
  assert.equal(built.byId.get('c').rotation.y, 0);
  assert.equal(isAnimated(json), true);
  assert.equal(isAnimated({ ...json, animation: { ...json.animation, rotation_speed: 0 } }), false);
  assert.equal(isAnimated(scene([])), false);
});

test('disposeScene disposes every geometry and material once', () => {
  const built = buildScene(scene([triangle, { id: 'b', kind: 'mesh', geometry: { type: 'box' } }]));
  let disposed = 0;
  built.scene.traverse((object) => {
    for (const part of [object.geometry, object.material].filter(Boolean)) part.addEventListener('dispose', () => disposed++);
  });
  disposeScene(built);
  assert.equal(disposed, 4);
});
