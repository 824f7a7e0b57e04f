// Rendering API (Scorecard + Rubric → HTML/PDF/XLSX/CSV). Filled in by the renderer issue.
export {};
