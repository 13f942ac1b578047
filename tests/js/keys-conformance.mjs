// The official JavaScript SDK (@azure/keyvault-keys, @azure/identity) against the emulator: an
// independent client of the keys wire contract. Run by the xunit test JavaScriptSdkTests with
// VAULTTOOLS_EMULATOR_JSON naming emulator.json and NODE_EXTRA_CA_CERTS the emulator's CA; prints
// one line per check and exits non-zero on the first failure.
import { readFileSync } from "node:fs";
import { createHash, createPublicKey, generateKeyPairSync, publicEncrypt, constants, verify } from "node:crypto";
import assert from "node:assert/strict";
import { ClientSecretCredential } from "@azure/identity";
import { KeyClient, CryptographyClient } from "@azure/keyvault-keys";

const info = JSON.parse(readFileSync(process.env.VAULTTOOLS_EMULATOR_JSON, "utf8"));
const admin = info.identities.find((i) => i.name === "admin");
const credential = new ClientSecretCredential(info.tenantId, admin.clientId, admin.clientSecret, {
  authorityHost: info.authorityHost,
  disableInstanceDiscovery: true,
});
// localhost reaches the default vault (Node does not resolve name.localhost everywhere).
const client = new KeyClient(info.vaultUri, credential, { disableChallengeResourceVerification: true, retryOptions: { maxRetries: 1 } });
const unique = (prefix) => `${prefix}-${Math.random().toString(16).slice(2, 14)}`;
const check = (what) => console.log(`ok - ${what}`);
const toPublicKey = (jwk) => createPublicKey({ key: { kty: jwk.kty.replace("-HSM", ""), n: b64u(jwk.n), e: b64u(jwk.e), crv: jwk.crv === "P-256K" ? "secp256k1" : jwk.crv, x: b64u(jwk.x), y: b64u(jwk.y) }, format: "jwk" });
const b64u = (bytes) => (bytes ? Buffer.from(bytes).toString("base64url") : undefined);

// create, get, versions, update
const name = unique("js");
const rsa = await client.createRsaKey(name, { keySize: 2048, tags: { from: "js" } });
assert.equal(rsa.keyType, "RSA");
assert.equal(rsa.key.n.length, 256);
assert.equal(rsa.key.d, undefined);
assert.deepEqual(rsa.keyOperations, ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"]);
check("createRsaKey returns the public key only");
const second = await client.createRsaKey(name);
assert.equal((await client.getKey(name)).properties.version, second.properties.version);
assert.equal((await client.getKey(name, { version: rsa.properties.version })).properties.tags.from, "js");
let versions = 0;
for await (const _ of client.listPropertiesOfKeyVersions(name)) versions++;
assert.equal(versions, 2);
check("getKey latest and by version, listPropertiesOfKeyVersions");
const updated = await client.updateKeyProperties(name, second.properties.version, { enabled: false, tags: { a: "b" } });
assert.equal(updated.properties.enabled, false);
await client.updateKeyProperties(name, second.properties.version, { enabled: true });
check("updateKeyProperties");

// EC on every curve, signatures verified locally with node:crypto
for (const [curve, algorithm, hash] of [["P-256", "ES256", "sha256"], ["P-384", "ES384", "sha384"], ["P-521", "ES512", "sha512"], ["P-256K", "ES256K", "sha256"]]) {
  const ec = await client.createEcKey(unique("jsec"), { curve });
  const crypto = new CryptographyClient(ec.id, credential, { disableChallengeResourceVerification: true });
  const data = Buffer.from(`signed with ${algorithm}`);
  const digest = createHash(hash).update(data).digest();
  const signed = await crypto.sign(algorithm, digest);
  assert.ok(verify(hash, data, { key: toPublicKey(ec.key), dsaEncoding: "ieee-p1363" }, Buffer.from(signed.result)));
  assert.equal((await crypto.verify(algorithm, digest, signed.result)).result, true);
  check(`sign ${algorithm} (${curve}) verifies locally`);
}

// RSA: encrypted and wrapped locally with the public key, decrypted/unwrapped by the vault; PS256 verified locally
const rsaCrypto = new CryptographyClient(rsa, credential, { disableChallengeResourceVerification: true });
const remote = new CryptographyClient(rsa.id, credential, { disableChallengeResourceVerification: true });
const secret = Buffer.from("a data key for the vault to open");
const oaep = publicEncrypt({ key: toPublicKey(rsa.key), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, secret);
assert.deepEqual(Buffer.from((await remote.decrypt({ algorithm: "RSA-OAEP-256", ciphertext: oaep })).result), secret);
assert.deepEqual(Buffer.from((await remote.unwrapKey("RSA-OAEP", (await rsaCrypto.wrapKey("RSA-OAEP", secret)).result)).result), secret);
assert.deepEqual(Buffer.from((await remote.decrypt({ algorithm: "RSA1_5", ciphertext: (await remote.encrypt({ algorithm: "RSA1_5", plaintext: secret })).result })).result), secret);
check("RSA-OAEP-256, RSA-OAEP wrap and RSA1_5 round trips through the vault");
const digest = createHash("sha256").update("pss").digest();
const pss = await remote.sign("PS256", digest);
assert.ok(verify("sha256", Buffer.from("pss"), { key: toPublicKey(rsa.key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(pss.result)));
check("PS256 signature verifies locally");

// rotation and its policy
const policy = await client.updateKeyRotationPolicy(name, { expiresIn: "P90D", lifetimeActions: [{ action: "Rotate", timeBeforeExpiry: "P30D" }] });
assert.equal(policy.expiresIn, "P90D");
assert.ok(policy.lifetimeActions.some((a) => a.action === "Notify"));
assert.equal((await client.getKeyRotationPolicy(name)).expiresIn, "P90D");
const rotated = await client.rotateKey(name);
assert.notEqual(rotated.properties.version, second.properties.version);
assert.equal(Math.round((rotated.properties.expiresOn - rotated.properties.createdOn) / 86_400_000), 90);
check("rotation policy and rotateKey");

// backup, delete (poller), purge, restore
const backup = await client.backupKey(name);
await (await client.beginDeleteKey(name, { updateIntervalInMs: 50 })).pollUntilDone();
assert.equal((await client.getDeletedKey(name)).name, name);
let deleted = 0;
for await (const d of client.listDeletedKeys()) if (d.name === name) deleted++;
assert.equal(deleted, 1);
await client.purgeDeletedKey(name);
const restored = await client.restoreKeyBackup(backup);
assert.equal(restored.properties.version, rotated.properties.version);
check("backupKey, beginDeleteKey, listDeletedKeys, purgeDeletedKey, restoreKeyBackup");
await (await client.beginDeleteKey(name, { updateIntervalInMs: 50 })).pollUntilDone();
assert.equal((await (await client.beginRecoverDeletedKey(name, { updateIntervalInMs: 50 })).pollUntilDone()).name, name);
check("beginRecoverDeletedKey");

// import and the service's errors
const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
const exported = pair.privateKey.export({ format: "jwk" });
const bytes = (text) => Buffer.from(text, "base64url");
const imported = await client.importKey(unique("jsimp"), { kty: "EC", crv: "P-256", x: bytes(exported.x), y: bytes(exported.y), d: bytes(exported.d), keyOps: ["sign", "verify"] });
assert.equal(imported.key.d, undefined);
const importedDigest = createHash("sha256").update("imported").digest();
const importedSignature = await new CryptographyClient(imported.id, credential, { disableChallengeResourceVerification: true }).sign("ES256", importedDigest);
assert.ok(verify("sha256", Buffer.from("imported"), { key: pair.publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(importedSignature.result)));
check("importKey: the vault signs as the original key");
await assert.rejects(client.getKey(unique("missing")), (e) => e.statusCode === 404 && e.code === "KeyNotFound");
await assert.rejects(client.createRsaKey(unique("hsm"), { hsm: true }), (e) => e.statusCode === 403 && /standard vault/.test(e.message));
const signOnly = await client.createRsaKey(unique("ops"), { keyOps: ["sign"] });
// The SDK reads the key first and refuses an operation missing from its key_ops itself.
await assert.rejects(new CryptographyClient(signOnly.id, credential, { disableChallengeResourceVerification: true }).decrypt({ algorithm: "RSA-OAEP", ciphertext: Buffer.alloc(256) }),
  /Operation decrypt is not supported/);
check("KeyNotFound and the HSM refusal as the SDK sees them; key_ops honoured by the SDK");
console.log("js keys conformance: all checks passed");
