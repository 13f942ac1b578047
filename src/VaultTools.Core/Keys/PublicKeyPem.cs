using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace VaultTools.Keys
{
    /// <summary>
    /// Writes a public JSON web key as SubjectPublicKeyInfo PEM (RFC 5280 / RFC 5480), the "BEGIN PUBLIC
    /// KEY" form openssl and most tools read. Written by hand because netstandard2.0 (Windows PowerShell
    /// 5.1) has no ExportSubjectPublicKeyInfo; the DER needed is a handful of SEQUENCEs.
    /// </summary>
    internal static class PublicKeyPem
    {
        private const string RsaEncryption = "1.2.840.113549.1.1.1";
        private const string EcPublicKey = "1.2.840.10045.2.1";

        public static string Write(VaultJsonWebKey key)
        {
            byte[] spki;
            if (key.KeyType.StartsWith("RSA", StringComparison.Ordinal) && key.N != null && key.E != null)
            {
                byte[] rsaPublicKey = Sequence(Integer(key.N), Integer(key.E));
                spki = Sequence(Sequence(ObjectId(RsaEncryption), new byte[] { 0x05, 0x00 }), BitString(rsaPublicKey));
            }
            else if (key.KeyType.StartsWith("EC", StringComparison.Ordinal) && key.CurveName != null && key.X != null && key.Y != null)
            {
                var curve = new Keys.Client.KeyCurveName(key.CurveName);
                string oid = curve.Oid ?? throw new InvalidOperationException($"The curve '{key.CurveName}' is not supported.");
                int size = curve.KeySizeInBytes;
                byte[] point = new[] { (byte)0x04 }.Concat(Pad(key.X, size)).Concat(Pad(key.Y, size)).ToArray();
                spki = Sequence(Sequence(ObjectId(EcPublicKey), ObjectId(oid)), BitString(point));
            }
            else
            {
                throw new InvalidOperationException($"The key (kty '{key.KeyType}') has no public RSA or EC parameters.");
            }

            string base64 = Convert.ToBase64String(spki);
            var pem = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
            for (int i = 0; i < base64.Length; i += 64)
            {
                pem.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }

            return pem.Append("-----END PUBLIC KEY-----\n").ToString();
        }

        private static byte[] Pad(byte[] value, int size)
        {
            if (value.Length >= size)
            {
                return value.Skip(value.Length - size).ToArray();
            }

            return new byte[size - value.Length].Concat(value).ToArray();
        }

        private static byte[] Sequence(params byte[][] items) => Tlv(0x30, items.SelectMany(i => i).ToArray());

        private static byte[] BitString(byte[] content) => Tlv(0x03, new byte[] { 0x00 }.Concat(content).ToArray());

        private static byte[] Integer(byte[] unsignedBigEndian)
        {
            var value = unsignedBigEndian.SkipWhile(b => b == 0).ToArray();
            if (value.Length == 0)
            {
                value = new byte[] { 0 };
            }
            else if ((value[0] & 0x80) != 0)
            {
                value = new byte[] { 0 }.Concat(value).ToArray();
            }

            return Tlv(0x02, value);
        }

        private static byte[] ObjectId(string oid)
        {
            var arcs = oid.Split('.').Select(ulong.Parse).ToArray();
            var body = new List<byte> { (byte)((arcs[0] * 40) + arcs[1]) };
            foreach (ulong arc in arcs.Skip(2))
            {
                var chunk = new Stack<byte>();
                ulong v = arc;
                chunk.Push((byte)(v & 0x7F));
                while ((v >>= 7) > 0)
                {
                    chunk.Push((byte)((v & 0x7F) | 0x80));
                }

                body.AddRange(chunk);
            }

            return Tlv(0x06, body.ToArray());
        }

        private static byte[] Tlv(byte tag, byte[] content)
        {
            using var stream = new MemoryStream();
            stream.WriteByte(tag);
            int length = content.Length;
            if (length < 0x80)
            {
                stream.WriteByte((byte)length);
            }
            else
            {
                var bytes = new List<byte>();
                while (length > 0)
                {
                    bytes.Insert(0, (byte)(length & 0xFF));
                    length >>= 8;
                }

                stream.WriteByte((byte)(0x80 | bytes.Count));
                stream.Write(bytes.ToArray(), 0, bytes.Count);
            }

            stream.Write(content, 0, content.Length);
            return stream.ToArray();
        }
    }
}
