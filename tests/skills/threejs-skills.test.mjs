// threejs skills, run by the product (the core reads them, the ses sandbox
// worker runs them): the scene JSON is built into real three.js objects by
// the page's scene builder and the geometry is measured.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as THREE from 'three';
import { sceneBuilder } from '../../web/lib/scene-builder.js';
import { startSkillHost } from '../support/skill-host.mjs';

let skills;
before(async () => { skills = await startSkillHost(); });
after(() => skills?.shutdown());

const { buildScene, stepAnimation } = sceneBuilder(THREE);
const run = (id, inputs) => skills.run(id, inputs);
const near = (a, b, eps = 1e-5) => Math.abs(a - b) <= eps;
const boxOf = (obj) => new THREE.Box3().setFromObject(obj);

test('cube: a BoxGeometry mesh of the requested size, colour and wireframe', async () => {
  for (const [size, color, wireframe] of [[1, '#4f9dff', false], [2.5, '#ff0000', true]]) {
    const { scene_data } = await run('threejs-cube-node', { size, color, wireframe });
    const { scene, byId } = buildScene(scene_data);
    const cube = byId.get('cube');
    assert.ok(cube.isMesh && cube.geometry.type === 'BoxGeometry');
    assert.equal(cube.geometry.attributes.position.count, 24, 'box: 6 faces x 4 vertices');
    assert.equal(cube.geometry.index.count, 36, 'box: 12 triangles');
    const bb = boxOf(cube).getSize(new THREE.Vector3());
    for (const v of bb.toArray()) assert.ok(near(v, size), `edge ${v} != ${size}`);
    assert.equal(cube.material.color.getHexString(), color.slice(1));
    assert.equal(cube.material.wireframe, wireframe);
    assert.equal(scene.children.filter((c) => c.isLight).length, 2);
  }
});

test('cube: animation_frame agrees with stepping the scene for one period', async () => {
  const { scene_data, animation_frame } = await run('threejs-cube-node', { rotation_speed: 2 });
  assert.equal(animation_frame.fps, 60);
  assert.ok(near(animation_frame.rotation_per_frame[1], 2 / 60, 1e-12));
  assert.ok(near(animation_frame.period_s, Math.PI, 1e-12));
  const built = buildScene(scene_data);
  const frames = Math.round(animation_frame.period_s * animation_frame.fps);
  for (let i = 0; i < frames; i++) stepAnimation(scene_data, built, 1 / animation_frame.fps);
  const turned = built.byId.get('cube').rotation.y;
  assert.ok(near(turned, 2 * Math.PI, 2 / 60), `after one period rotation.y = ${turned}`);
  const still = await run('threejs-cube-node', { rotation_speed: 0 });
  assert.equal(still.animation_frame.period_s, null);
});

test('surface: (n+1)^2 vertices, 2n^2 triangles, bounding box equals the ranges', async () => {
  const n = 20;
  const out = await run('threejs-surface-node', { expression: 'x * y', x_min: -1, x_max: 3, y_min: 0, y_max: 2, resolution: n, height_scale: 0.5 });
  assert.equal(out.vertex_count, (n + 1) ** 2);
  assert.equal(out.z_min, -2);
  assert.equal(out.z_max, 6);
  assert.equal(out.invalid_points, 0);
  const { byId } = buildScene(out.scene_data);
  const surface = byId.get('surface');
  assert.equal(surface.geometry.attributes.position.count, (n + 1) ** 2);
  assert.equal(surface.geometry.index.count, 6 * n * n);
  assert.ok(surface.geometry.attributes.normal, 'normals computed for lighting');
  const bb = boxOf(surface);
  assert.deepEqual(bb.min.toArray().map((v) => +v.toFixed(5)), [-1, -1, 0]);
  assert.deepEqual(bb.max.toArray().map((v) => +v.toFixed(5)), [3, 3, 2]);
  // Upward-facing normals where the surface is flat (x*y is flat near x = y = 0).
  const normals = surface.geometry.attributes.normal;
  const flat = new THREE.Vector3().fromBufferAttribute(normals, n / 4);
  assert.ok(flat.y > 0.5, `normal at flat corner points up: ${flat.toArray()}`);
});

test('surface: colours span color_low..color_high; bad points are counted', async () => {
  const out = await run('threejs-surface-node', { expression: 'log(x)', x_min: -1, x_max: 1, y_min: 0, y_max: 1, resolution: 4, color_low: '#000000', color_high: '#ffffff' });
  assert.equal(out.invalid_points, 3 * 5, 'x = -1, -0.5, 0 columns are not finite');
  const colors = out.scene_data.objects[0].colors;
  assert.equal(Math.min(...colors), 0);
  assert.equal(Math.max(...colors), 1);
  await assert.rejects(run('threejs-surface-node', { expression: 'x + z' }), /unknown variable 'z'/);
  await assert.rejects(run('threejs-surface-node', { expression: 'alert(1)' }), /unknown function 'alert'/);
});

test('point cloud: sphere points lie on the sphere; counts and bounds match', async () => {
  const out = await run('threejs-point-cloud-node', { shape: 'sphere', count: 1000, radius: 2 });
  const { byId } = buildScene(out.scene_data);
  const cloud = byId.get('cloud');
  assert.ok(cloud.isPoints);
  const pos = cloud.geometry.attributes.position;
  assert.equal(pos.count, 1000);
  const p = new THREE.Vector3();
  for (let i = 0; i < pos.count; i++) assert.ok(near(p.fromBufferAttribute(pos, i).length(), 2, 1e-5));
  const bb = boxOf(cloud);
  for (let c = 0; c < 3; c++) {
    assert.ok(near(bb.min.getComponent(c), out.bounds.min[c]) && near(bb.max.getComponent(c), out.bounds.max[c]));
    assert.ok(bb.max.getComponent(c) > 1.95, 'points reach the poles and the equator');
  }
});

test('point cloud: helix, torus and lorenz fit their size', async () => {
  const helix = await run('threejs-point-cloud-node', { shape: 'helix', count: 500, radius: 1.5 });
  assert.deepEqual([helix.bounds.min[1], helix.bounds.max[1]], [-1.5, 1.5]);
  const torus = await run('threejs-point-cloud-node', { shape: 'torus', count: 3000, radius: 1 });
  assert.ok(torus.bounds.max[0] <= 1.35 + 1e-9 && torus.bounds.max[0] > 1.3);
  assert.ok(near(torus.bounds.max[1], 0.35, 0.01));
  const lorenz = await run('threejs-point-cloud-node', { shape: 'lorenz', count: 3000, radius: 1 });
  const half = [0, 1, 2].map((c) => (lorenz.bounds.max[c] - lorenz.bounds.min[c]) / 2);
  assert.ok(near(Math.max(...half), 1, 1e-9), 'largest half-extent is the radius');
  // The attractor's two wings: points on both sides of x = 0.
  const xs = lorenz.scene_data.objects[0].positions.filter((_, i) => i % 3 === 0);
  assert.ok(xs.filter((x) => x > 0.2).length > 300 && xs.filter((x) => x < -0.2).length > 300);
  buildScene(lorenz.scene_data);
});

test('scene builder rejects JSON outside the schema', () => {
  assert.throws(() => buildScene({ type: 'scene', objects: [{ kind: 'teapot' }] }), /unknown object kind 'teapot'/);
  assert.throws(() => buildScene({ type: 'scene', objects: [{ kind: 'points', positions: [0, 0] }] }), /flat \[x,y,z,\.\.\.\]/);
  assert.throws(() => buildScene({ type: 'scene', objects: [{ kind: 'buffer', positions: [0, 0, 0], indices: [0, 1, 2] }] }), /index out of range/);
  assert.throws(() => buildScene({ type: 'scene', objects: [], animation: { targets: ['nope'] } }), /animation target 'nope'/);
});
