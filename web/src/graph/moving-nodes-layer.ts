/**
 * Nodes drawn cheaply while the camera moves: one `gl.POINTS` vertex per node, a plain disc in
 * the node's colour and at its size, in one draw call, no picking pass. Sigma's node program
 * draws each node as an instanced quad twice the node's diameter with a signed-distance shape
 * and antialiasing, once on screen and once into the picking buffer: where WebGL runs on the
 * CPU (SwiftShader, llvmpipe) that fill is what limits the frame rate while panning. At rest the
 * host lets Sigma draw the nodes as always (shapes, borders, labels, picking), so the look of a
 * still graph is unchanged; only moving frames show discs.
 *
 * The layer is a Sigma custom layer program: `cacheData` (called by Sigma after it processed the
 * nodes) copies the display data — positions already normalized, sizes and colours after the
 * reducers — into one vertex buffer; `render` draws it when `isActive()` says so.
 */
import type { RenderParams } from 'sigma/types';
import {
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
uniform mat3 u_matrix;
uniform float u_radiusScale;
out vec4 v_color;
void main() {
  gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
  // Diameter in device pixels; at least one pixel so that no node disappears while moving.
  gl_PointSize = max(1.0, 2.0 * a_size * u_radiusScale);
  v_color = a_color;
}`;

const FRAGMENT_SHADER = `#version 300 es
precision mediump float;
in vec4 v_color;
out vec4 fragColor;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  if (dot(p, p) > 1.0) discard;
  // Premultiplied alpha, as Sigma blends (ONE, ONE_MINUS_SRC_ALPHA).
  fragColor = vec4(v_color.rgb * v_color.a, v_color.a);
}`;

export interface MovingNodesLayer {
  /** For `sigma.addCustomLayerProgram(id, 'nodes', factory)`. */
  factory: (gl: WebGL2RenderingContext) => {
    render(params: RenderParams): void;
    cacheData(): void;
    kill(): void;
  };
  /**
   * The nodes' look changed without Sigma reprocessing them (a highlight refreshed in place):
   * read them again before the next moving frame.
   */
  invalidate(): void;
}

/**
 * A custom layer that draws every visible node of `source` as a disc while `isActive()` is true
 * (the host: while the camera moves and Sigma's own node program is skipped). The nodes are read
 * lazily, at the first moving frame after they changed, so a still graph costs nothing.
 */
export function createMovingNodesLayer(
  source: NodeSource,
  isActive: () => boolean,
): MovingNodesLayer {
  let dirty = true;
  const factory: MovingNodesLayer['factory'] = (gl) => {
    const { program, vertex, fragment } = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER);
    const layout = createVertexLayout(gl, program, STRIDE, [
      ['a_position', 2, 0],
      ['a_size', 1, 2],
      ['a_color', 4, 3],
    ]);
    const { buffer, vao } = layout;
    const uMatrix = gl.getUniformLocation(program, 'u_matrix');
    const uRadiusScale = gl.getUniformLocation(program, 'u_radiusScale');
    const packed = { data: new Float32Array(1024) };
    let count = 0;
    dirty = true;

    return {
      cacheData() {
        // Called by Sigma after it processed the nodes (positions normalized again).
        dirty = true;
      },
      render(params) {
        if (!isActive()) return;
        gl.useProgram(program);
        gl.bindVertexArray(vao);
        gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
        if (dirty) {
          count = packNodes(source, packed);
          gl.bufferData(gl.ARRAY_BUFFER, packed.data.subarray(0, count * STRIDE), gl.STATIC_DRAW);
          dirty = false;
        }
        if (count > 0) {
          gl.uniformMatrix3fv(uMatrix, false, params.matrix);
          // Sigma's node program draws a node of size s as a disc of radius 2·s·correctionRatio /
          // sizeRatio graph units; the matrix scales graph units to clip space, whose width of 2
          // spans the drawing buffer: the radius in device pixels is s times this factor.
          const m = params.matrix;
          const scaleX = Math.hypot(m[0] ?? 0, m[3] ?? 0);
          gl.uniform1f(
            uRadiusScale,
            (params.correctionRatio / params.sizeRatio) * scaleX * params.width * params.pixelRatio,
          );
          gl.enable(gl.BLEND);
          gl.drawArrays(gl.POINTS, 0, count);
        }
        gl.bindVertexArray(null);
      },
      kill() {
        deleteVertexLayout(gl, layout);
        deleteProgram(gl, { program, vertex, fragment });
      },
    };
  };
  return {
    factory,
    invalidate() {
      dirty = true;
    },
  };
}
