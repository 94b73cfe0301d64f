// Lint keeps the house style without anyone remembering it: strict TypeScript, no `any` in src/.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "results/**", "schema/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["src/rss/**", "src/rps/**", "src/irq/**", "src/shaping/**", "src/traffic/**", "src/engine/**", "src/stats/**"],
    rules: {
      // Stages get time and randomness passed in: nothing in a stage reads a clock or Math.random.
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "use the seeded PRNG (src/traffic/prng.ts)" },
        { object: "Date", property: "now", message: "the engine owns time; pass `now` in" },
        { object: "performance", property: "now", message: "the engine owns time; pass `now` in" },
      ],
    },
  },
);
