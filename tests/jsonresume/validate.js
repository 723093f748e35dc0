// Validates a JSON Resume file against the official schema: node validate.js resume.json
"use strict";
const fs = require("fs");
const { validate } = require("@jsonresume/schema");

const resume = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
validate(resume, (errors, valid) => {
  if (!valid) {
    for (const e of errors) console.error(`${e.property}: ${e.message}`);
    process.exit(1);
  }
  console.log("valid");
});
