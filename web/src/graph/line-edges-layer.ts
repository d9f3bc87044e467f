/**
 * Edges drawn as plain lines on very large graphs where WebGL runs on the CPU: one `gl.LINES`
 * segment per visible edge, centre to centre, one device pixel wide, in the edge's colour after
 * the highlight, in one draw call. Sigma's edge program draws every edge as a shaped ribbon with
 * an arrowhead, after a per-frame pass that finds where each edge meets its nodes' outlines: on
 * SwiftShader a 121,000-edge view spends tens of seconds of the page's time on that one frame.
 * The lines keep every edge, its colour and its greying; they drop the arrowheads and the width
 * by number of role-level edges (1 at principal level anyway). The host uses them only where
 * Sigma's edges would freeze the page (graph/sigma-host.ts).
 *
 * A Sigma custom layer program: the edges are read from Sigma's display data (after the
 * reducers) at the first frame after they changed, or ahead of it (`prepare`).
 */
import type { RenderParams } from 'sigma/types';
import {
  bindForDraw,
  createVertexLayout,
  deleteProgram,
  deleteVertexLayout,
  linkProgram,
} from './gl-program.js';
import { EDGE_STRIDE as STRIDE, packEdges, type EdgeSource } from './pack-display-data.js';

const VERTEX_SHADER = `#version 300 es
in vec2 a_position;
in vec4 a_color;
uniform mat3 u_matrix;
out vec4 v_color;
void main() {
  gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
  v_color = a_color;
}`;

const FRAGMENT_SHADER = `#version 300 es
precision mediump float;
in vec4 v_color;
out vec4 fragColor;
void main() {
  fragColor = vec4(v_color.rgb * v_color.a, v_color.a);
}`;

export interface LineEdgesLayer {
  /** For `sigma.addCustomLayerProgram(id, 'edges', factory)`. */
  factory: (gl: WebGL2RenderingContext) => {
    render(params: RenderParams): void;
    cacheData(): void;
    kill(): void;
  };
  /** The edges' look changed without Sigma reprocessing them: read them again. */
  invalidate(): void;
  /**
   * Reads the edges now if the next frame would (lines drawn, edges changed), so that the frame
   * only hands them to WebGL: a 160,000-edge view takes ~130 ms to read.
   */
  prepare(): void;
}

/** A custom layer that draws every visible edge as a line while `isActive()` is true. */
export function createLineEdgesLayer(source: EdgeSource, isActive: () => boolean): LineEdgesLayer {
  let dirty = true;
  const packed = { data: new Float32Array(2048) };
  let count = 0;
  /** Bumped at every packing: a program uploads when it has not seen the latest one. */
  let generation = 0;
  const pack = (): void => {
    count = packEdges(source, packed);
    dirty = false;
    generation += 1;
  };
  const factory: LineEdgesLayer['factory'] = (gl) => {
    const linked = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER);
    const layout = createVertexLayout(gl, linked.program, STRIDE, [
      ['a_position', 2, 0],
      ['a_color', 4, 2],
    ]);
    const uMatrix = gl.getUniformLocation(linked.program, 'u_matrix');
    dirty = true;
    return {
      cacheData() {
        dirty = true;
      },
      render(params) {
        if (!isActive()) return;
        if (dirty) pack();
        bindForDraw(gl, linked.program, layout, generation, () =>
          packed.data.subarray(0, count * 2 * STRIDE),
        );
        if (count > 0) {
          gl.uniformMatrix3fv(uMatrix, false, params.matrix);
          gl.enable(gl.BLEND);
          gl.drawArrays(gl.LINES, 0, count * 2);
        }
        gl.bindVertexArray(null);
      },
      kill() {
        deleteVertexLayout(gl, layout);
        deleteProgram(gl, linked);
      },
    };
  };
  return {
    factory,
    invalidate() {
      dirty = true;
    },
    prepare() {
      if (dirty && isActive()) pack();
    },
  };
}
