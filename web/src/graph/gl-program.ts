/**
 * Compiles and links the small WebGL2 programs of the dashboard's own layers (nodes while the
 * camera moves, edges as lines). Throws with the driver's log when a shader does not compile, so
 * the caller can fall back to Sigma's programs.
 */

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (shader === null) throw new Error('WebGL: cannot create a shader');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (gl.getShaderParameter(shader, gl.COMPILE_STATUS) !== true)
    throw new Error(`WebGL: ${gl.getShaderInfoLog(shader) ?? 'a shader does not compile'}`);
  return shader;
}

export interface LinkedProgram {
  program: WebGLProgram;
  vertex: WebGLShader;
  fragment: WebGLShader;
}

/** A linked program from GLSL ES 3.00 sources. */
export function linkProgram(
  gl: WebGL2RenderingContext,
  vertexSource: string,
  fragmentSource: string,
): LinkedProgram {
  const vertex = compile(gl, gl.VERTEX_SHADER, vertexSource);
  const fragment = compile(gl, gl.FRAGMENT_SHADER, fragmentSource);
  const program = gl.createProgram();
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  if (gl.getProgramParameter(program, gl.LINK_STATUS) !== true)
    throw new Error(`WebGL: ${gl.getProgramInfoLog(program) ?? 'a program does not link'}`);
  return { program, vertex, fragment };
}

/** Releases what `linkProgram` created. */
export function deleteProgram(gl: WebGL2RenderingContext, linked: LinkedProgram): void {
  gl.deleteProgram(linked.program);
  gl.deleteShader(linked.vertex);
  gl.deleteShader(linked.fragment);
}
