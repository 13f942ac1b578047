using System;

namespace VaultTools.Keys.Client
{
    // The string-valued "extensible enums" of the Key Vault keys API, named as in the official
    // Azure.Security.KeyVault.Keys package (KeyType.Rsa, KeyCurveName.P256, ...), so that swapping the
    // official package in later is a change of using directives. Values compare ordinally, as on the wire.

    /// <summary>JsonWebKey key type (kty).</summary>
    internal readonly struct KeyType : IEquatable<KeyType>
    {
        private readonly string _value;
        public KeyType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static KeyType Ec { get; } = new KeyType("EC");
        public static KeyType EcHsm { get; } = new KeyType("EC-HSM");
        public static KeyType Rsa { get; } = new KeyType("RSA");
        public static KeyType RsaHsm { get; } = new KeyType("RSA-HSM");
        public static KeyType Oct { get; } = new KeyType("oct");
        public static KeyType OctHsm { get; } = new KeyType("oct-HSM");
        public bool IsRsa => this == Rsa || this == RsaHsm;
        public bool IsEc => this == Ec || this == EcHsm;
        public bool IsHsm => _value != null && _value.EndsWith("-HSM", StringComparison.Ordinal);
        public bool Equals(KeyType other) => string.Equals(_value, other._value, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is KeyType other && Equals(other);
        public override int GetHashCode() => _value?.GetHashCode() ?? 0;
        public override string ToString() => _value ?? "";
        public static bool operator ==(KeyType left, KeyType right) => left.Equals(right);
        public static bool operator !=(KeyType left, KeyType right) => !left.Equals(right);
    }

    /// <summary>Elliptic curve name (crv).</summary>
    internal readonly struct KeyCurveName : IEquatable<KeyCurveName>
    {
        private readonly string _value;
        public KeyCurveName(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static KeyCurveName P256 { get; } = new KeyCurveName("P-256");
        public static KeyCurveName P384 { get; } = new KeyCurveName("P-384");
        public static KeyCurveName P521 { get; } = new KeyCurveName("P-521");
        public static KeyCurveName P256K { get; } = new KeyCurveName("P-256K");

        /// <summary>Size in bytes of one coordinate (x or y) on this curve.</summary>
        public int KeySizeInBytes => _value switch
        {
            "P-256" => 32,
            "P-256K" => 32,
            "P-384" => 48,
            "P-521" => 66,
            _ => 0,
        };

        /// <summary>The curve's OID (used to build an ECCurve; P-256K has no .NET named curve).</summary>
        public string? Oid => _value switch
        {
            "P-256" => "1.2.840.10045.3.1.7",
            "P-384" => "1.3.132.0.34",
            "P-521" => "1.3.132.0.35",
            "P-256K" => "1.3.132.0.10",
            _ => null,
        };

        public bool Equals(KeyCurveName other) => string.Equals(_value, other._value, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is KeyCurveName other && Equals(other);
        public override int GetHashCode() => _value?.GetHashCode() ?? 0;
        public override string ToString() => _value ?? "";
        public static bool operator ==(KeyCurveName left, KeyCurveName right) => left.Equals(right);
        public static bool operator !=(KeyCurveName left, KeyCurveName right) => !left.Equals(right);
    }

    /// <summary>A JSON web key operation (key_ops).</summary>
    internal readonly struct KeyOperation : IEquatable<KeyOperation>
    {
        private readonly string _value;
        public KeyOperation(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static KeyOperation Encrypt { get; } = new KeyOperation("encrypt");
        public static KeyOperation Decrypt { get; } = new KeyOperation("decrypt");
        public static KeyOperation Sign { get; } = new KeyOperation("sign");
        public static KeyOperation Verify { get; } = new KeyOperation("verify");
        public static KeyOperation WrapKey { get; } = new KeyOperation("wrapKey");
        public static KeyOperation UnwrapKey { get; } = new KeyOperation("unwrapKey");
        public static KeyOperation Import { get; } = new KeyOperation("import");
        public static KeyOperation Export { get; } = new KeyOperation("export");
        public bool Equals(KeyOperation other) => string.Equals(_value, other._value, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is KeyOperation other && Equals(other);
        public override int GetHashCode() => _value?.GetHashCode() ?? 0;
        public override string ToString() => _value ?? "";
        public static bool operator ==(KeyOperation left, KeyOperation right) => left.Equals(right);
        public static bool operator !=(KeyOperation left, KeyOperation right) => !left.Equals(right);
    }

    /// <summary>An encryption algorithm for encrypt/decrypt (alg).</summary>
    internal readonly struct EncryptionAlgorithm : IEquatable<EncryptionAlgorithm>
    {
        private readonly string _value;
        public EncryptionAlgorithm(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static EncryptionAlgorithm RsaOaep { get; } = new EncryptionAlgorithm("RSA-OAEP");
        public static EncryptionAlgorithm RsaOaep256 { get; } = new EncryptionAlgorithm("RSA-OAEP-256");
        public static EncryptionAlgorithm Rsa15 { get; } = new EncryptionAlgorithm("RSA1_5");
        public bool Equals(EncryptionAlgorithm other) => string.Equals(_value, other._value, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is EncryptionAlgorithm other && Equals(other);
        public override int GetHashCode() => _value?.GetHashCode() ?? 0;
        public override string ToString() => _value ?? "";
        public static bool operator ==(EncryptionAlgorithm left, EncryptionAlgorithm right) => left.Equals(right);
        public static bool operator !=(EncryptionAlgorithm left, EncryptionAlgorithm right) => !left.Equals(right);
    }

    /// <summary>A key wrap algorithm for wrapKey/unwrapKey (alg).</summary>
    internal readonly struct KeyWrapAlgorithm : IEquatable<KeyWrapAlgorithm>
    {
        private readonly string _value;
        public KeyWrapAlgorithm(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static KeyWrapAlgorithm RsaOaep { get; } = new KeyWrapAlgorithm("RSA-OAEP");
        public static KeyWrapAlgorithm RsaOaep256 { get; } = new KeyWrapAlgorithm("RSA-OAEP-256");
        public static KeyWrapAlgorithm Rsa15 { get; } = new KeyWrapAlgorithm("RSA1_5");
        public bool Equals(KeyWrapAlgorithm other) => string.Equals(_value, other._value, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is KeyWrapAlgorithm other && Equals(other);
        public override int GetHashCode() => _value?.GetHashCode() ?? 0;
        public override string ToString() => _value ?? "";
        public static bool operator ==(KeyWrapAlgorithm left, KeyWrapAlgorithm right) => left.Equals(right);
        public static bool operator !=(KeyWrapAlgorithm left, KeyWrapAlgorithm right) => !left.Equals(right);
    }

    /// <summary>A signature algorithm for sign/verify (alg).</summary>
    internal readonly struct SignatureAlgorithm : IEquatable<SignatureAlgorithm>
    {
        private readonly string _value;
        public SignatureAlgorithm(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static SignatureAlgorithm RS256 { get; } = new SignatureAlgorithm("RS256");
        public static SignatureAlgorithm RS384 { get; } = new SignatureAlgorithm("RS384");
        public static SignatureAlgorithm RS512 { get; } = new SignatureAlgorithm("RS512");
        public static SignatureAlgorithm PS256 { get; } = new SignatureAlgorithm("PS256");
        public static SignatureAlgorithm PS384 { get; } = new SignatureAlgorithm("PS384");
        public static SignatureAlgorithm PS512 { get; } = new SignatureAlgorithm("PS512");
        public static SignatureAlgorithm ES256 { get; } = new SignatureAlgorithm("ES256");
        public static SignatureAlgorithm ES384 { get; } = new SignatureAlgorithm("ES384");
        public static SignatureAlgorithm ES512 { get; } = new SignatureAlgorithm("ES512");
        public static SignatureAlgorithm ES256K { get; } = new SignatureAlgorithm("ES256K");
        public bool Equals(SignatureAlgorithm other) => string.Equals(_value, other._value, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is SignatureAlgorithm other && Equals(other);
        public override int GetHashCode() => _value?.GetHashCode() ?? 0;
        public override string ToString() => _value ?? "";
        public static bool operator ==(SignatureAlgorithm left, SignatureAlgorithm right) => left.Equals(right);
        public static bool operator !=(SignatureAlgorithm left, SignatureAlgorithm right) => !left.Equals(right);
    }

    /// <summary>What a rotation policy's lifetime action does.</summary>
    internal readonly struct KeyRotationPolicyAction : IEquatable<KeyRotationPolicyAction>
    {
        private readonly string _value;
        public KeyRotationPolicyAction(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));
        public static KeyRotationPolicyAction Rotate { get; } = new KeyRotationPolicyAction("Rotate");
        public static KeyRotationPolicyAction Notify { get; } = new KeyRotationPolicyAction("Notify");

        // The service says "The value should be compared case-insensitively" (keys.json, KeyRotationPolicyAction).
        public bool Equals(KeyRotationPolicyAction other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);
        public override bool Equals(object? obj) => obj is KeyRotationPolicyAction other && Equals(other);
        public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);
        public override string ToString() => _value ?? "";
        public static bool operator ==(KeyRotationPolicyAction left, KeyRotationPolicyAction right) => left.Equals(right);
        public static bool operator !=(KeyRotationPolicyAction left, KeyRotationPolicyAction right) => !left.Equals(right);
    }
}
