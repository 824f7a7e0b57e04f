/** Stamped on every FactSet and Scorecard. Keep in step with the package versions. */
export const TOOL_NAME = 'fazhi-scorecard';
export const TOOL_VERSION = '0.1.0';
