/**
 * Nodes drawn cheaply as points: one `gl.POINTS` vertex per node, a plain shape (disc, square,
 * triangle, diamond) in the node's colour and at its size, in one draw call, no picking pass, no
 * antialiasing. Sigma's node program draws each node as an instanced quad twice the node's
 * diameter with a signed-distance shape and antialiasing, once on screen and once into the
 * picking buffer: where WebGL runs on the CPU (SwiftShader, llvmpipe) that fill is what limits the
 * frame rate while panning, and what keeps the page waiting for a still frame of a very large
 * graph. The host (sigma-host.ts) draws nodes with this layer while the camera moves, and at rest
 * on very large graphs with software WebGL, where Sigma then only draws its picking pass.
 *
 * The layer is a Sigma custom layer program: `cacheData` (called by Sigma after it processed the
 * nodes) marks the display data — positions already normalized, sizes, colours and shapes after
 * the reducers — to be packed into one vertex buffer at the next frame that draws it; `render`
 * draws it when `isActive(params)` says so.
 */
import type { RenderParams } from 'sigma/types';
import {
  bindForDraw,
  createVertexLayout,
  deleteProgram,
  deleteVertexLayout,
  linkProgram,
} from './gl-program.js';
import { NODE_STRIDE as STRIDE, packNodes, type NodeSource } from './pack-display-data.js';

const VERTEX_SHADER = `#version 300 es
in vec2 a_position;
in float a_size;
in vec4 a_color;
in float a_shape;
uniform mat3 u_matrix;
uniform float u_radiusScale;
out vec4 v_color;
flat out int v_shape;
void main() {
  gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
  // Diameter in device pixels; at least one pixel so that no node disappears.
  gl_PointSize = max(1.0, 2.0 * a_size * u_radiusScale);
  v_color = a_color;
  v_shape = int(a_shape + 0.5);
}`;

// The shapes of Sigma's SDF shapes in the same frame (p in [-1, 1], the circle's radius 1): the
// square fills the frame, the diamond's half-diagonals are 1, the triangle points up with its
// circumradius 1. gl_PointCoord's y grows downwards.
const FRAGMENT_SHADER = `#version 300 es
precision mediump float;
in vec4 v_color;
flat in int v_shape;
out vec4 fragColor;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  if (v_shape == 0) {
    if (dot(p, p) > 1.0) discard;
  } else if (v_shape == 2) {
    float up = -p.y;
    if (up < -0.5 || up > 1.0 - 1.7320508 * abs(p.x)) discard;
  } else if (v_shape == 3) {
    if (abs(p.x) + abs(p.y) > 1.0) discard;
  }
  // Premultiplied alpha, as Sigma blends (ONE, ONE_MINUS_SRC_ALPHA).
  fragColor = vec4(v_color.rgb * v_color.a, v_color.a);
}`;

/** Where the point size limit cannot be read: what WebGL 2 implementations commonly allow. */
const FALLBACK_MAX_POINT_SIZE = 64;

export interface PointNodesLayer {
  /** For `sigma.addCustomLayerProgram(id, 'nodes', factory)`. */
  factory: (gl: WebGL2RenderingContext) => {
    render(params: RenderParams): void;
    cacheData(): void;
    kill(): void;
  };
  /**
   * The nodes' look changed without Sigma reprocessing them (a highlight refreshed in place):
   * read them again before the next frame that draws them.
   */
  invalidate(): void;
  /**
   * Whether every node of the frame `params` fits in a point (points are at most the driver's
   * largest point size across, 1,024 px on SwiftShader): a camera zoomed far in needs Sigma's
   * quads. False before the layer is installed.
   */
  fits(params: RenderParams): boolean;
  /** Reads the nodes now if they changed, so that the next frame only hands them to WebGL. */
  prepare(): void;
}

/**
 * A custom layer that draws every visible node of `source` as a point while `isActive(params)`
 * is true. The nodes are read lazily, at the first frame that draws them after they changed, so
 * a graph drawn by Sigma costs nothing.
 */
export function createPointNodesLayer(
  source: NodeSource,
  isActive: (params: RenderParams) => boolean,
): PointNodesLayer {
  let dirty = true;
  const packed = { data: new Float32Array(1024) };
  let count = 0;
  let largestSize = 0;
  /** Bumped at every packing: a program uploads when it has not seen the latest one. */
  let generation = 0;
  let maxPointSize = 0;
  const pack = (): void => {
    ({ count, largestSize } = packNodes(source, packed));
    dirty = false;
    generation += 1;
  };
  const radiusScale = (params: RenderParams): number => {
    // Sigma's node program draws a node of size s as a disc of radius 2·s·correctionRatio /
    // sizeRatio graph units; the matrix scales graph units to clip space, whose width of 2 spans
    // the drawing buffer: the radius in device pixels is s times this factor.
    const m = params.matrix;
    const scaleX = Math.hypot(m[0] ?? 0, m[3] ?? 0);
    return (params.correctionRatio / params.sizeRatio) * scaleX * params.width * params.pixelRatio;
  };
  const factory: PointNodesLayer['factory'] = (gl) => {
    const linked = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER);
    const layout = createVertexLayout(gl, linked.program, STRIDE, [
      ['a_position', 2, 0],
      ['a_size', 1, 2],
      ['a_color', 4, 3],
      ['a_shape', 1, 7],
    ]);
    const range: unknown = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE);
    maxPointSize =
      range instanceof Float32Array && (range[1] ?? 0) >= 1
        ? (range[1] ?? FALLBACK_MAX_POINT_SIZE)
        : FALLBACK_MAX_POINT_SIZE;
    const uMatrix = gl.getUniformLocation(linked.program, 'u_matrix');
    const uRadiusScale = gl.getUniformLocation(linked.program, 'u_radiusScale');
    dirty = true;

    return {
      cacheData() {
        // Called by Sigma after it processed the nodes (positions normalized again).
        dirty = true;
      },
      render(params) {
        if (!isActive(params)) return;
        if (dirty) pack();
        bindForDraw(gl, linked.program, layout, generation, () =>
          packed.data.subarray(0, count * STRIDE),
        );
        if (count > 0) {
          gl.uniformMatrix3fv(uMatrix, false, params.matrix);
          gl.uniform1f(uRadiusScale, radiusScale(params));
          gl.enable(gl.BLEND);
          gl.drawArrays(gl.POINTS, 0, count);
        }
        gl.bindVertexArray(null);
      },
      kill() {
        deleteVertexLayout(gl, layout);
        deleteProgram(gl, linked);
        maxPointSize = 0;
      },
    };
  };
  return {
    factory,
    invalidate() {
      dirty = true;
    },
    fits(params) {
      if (maxPointSize === 0) return false;
      if (dirty) pack();
      return 2 * largestSize * radiusScale(params) <= maxPointSize;
    },
    prepare() {
      if (dirty) pack();
    },
  };
}
