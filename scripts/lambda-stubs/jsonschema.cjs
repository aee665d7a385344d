/**
 * In the Lambda bundles only (scripts/lambda-plugins.mjs, "electrodb-models-checked"): ElectroDB's
 * model check without the JSON-schema walk. Our entity models are constants; the real `jsonschema`
 * checks them in every stack test and every `npm start`, so repeating it at each cold start buys
 * nothing. ElectroDB also asks the check whether a value is a model at all (util.js
 * getInstanceType: a model, or an Entity/Service instance): that answer is kept, by shape.
 */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

const looksLikeModel = (m) =>
  isObject(m) && m._instance === undefined && isObject(m.attributes) && isObject(m.indexes) && (isObject(m.model) ? typeof m.model.entity === 'string' : typeof m.entity === 'string');

class Validator {
  addSchema() {}
  validate(instance) {
    return looksLikeModel(instance) ? { errors: [], valid: true } : { errors: [{ property: 'instance', message: 'is not an ElectroDB model', argument: undefined }], valid: false };
  }
}
Validator.prototype.customFormats = {};
module.exports = { Validator };
