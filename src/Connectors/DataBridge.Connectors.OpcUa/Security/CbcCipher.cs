using System.Security.Cryptography;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// AES-CBC for one direction of one security token, reused for every chunk without allocating (the one-shot
/// <c>EncryptCbc</c>/<c>DecryptCbc</c> allocate a native cipher per call). Part 6 §6.7.2 restarts CBC at the derived
/// IV for every chunk; a kept <see cref="ICryptoTransform"/> instead chains from the previous chunk's last ciphertext
/// block, so the first block is corrected by IV ⊕ that block, which gives exactly the per-chunk result.
/// Not thread-safe: the send side runs under the channel's send lock, the receive side in its single read loop.
/// </summary>
internal sealed class CbcCipher : IDisposable
{
    private const int Block = 16;
    private readonly ICryptoTransform _transform;
    private readonly bool _encrypt;
    private readonly byte[] _iv;
    private readonly byte[] _chain = new byte[Block];
    private readonly byte[] _nextChain = new byte[Block];
    private byte[] _input = [];
    private byte[] _output = [];

    public CbcCipher(byte[] key, byte[] iv, bool encrypt)
    {
        using var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        _transform = encrypt ? aes.CreateEncryptor(key, iv) : aes.CreateDecryptor(key, iv);
        _encrypt = encrypt;
        _iv = (byte[])iv.Clone();
        iv.CopyTo(_chain, 0);
    }

    /// <summary>Encrypts or decrypts <paramref name="data"/> (whole blocks) in place, as CBC from the IV.</summary>
    public void Transform(Span<byte> data)
    {
        var length = data.Length;
        if (_input.Length < length)
        {
            _input = new byte[Math.Max(length, 2 * _input.Length)];
            _output = new byte[_input.Length];
        }

        data.CopyTo(_input);
        if (_encrypt)
        {
            // The transform XORs the first block with the chain; make that IV instead.
            Xor(_input.AsSpan(0, Block), _iv, _chain);
            _transform.TransformBlock(_input, 0, length, _output, 0);
            _output.AsSpan(length - Block, Block).CopyTo(_chain);
        }
        else
        {
            _input.AsSpan(length - Block, Block).CopyTo(_nextChain);
            _transform.TransformBlock(_input, 0, length, _output, 0);
            Xor(_output.AsSpan(0, Block), _iv, _chain);
            _nextChain.CopyTo(_chain, 0);
        }

        _output.AsSpan(0, length).CopyTo(data);
    }

    public void Dispose()
    {
        _transform.Dispose();
        CryptographicOperations.ZeroMemory(_input);
        CryptographicOperations.ZeroMemory(_output);
    }

    private static void Xor(Span<byte> target, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (var i = 0; i < Block; i++)
        {
            target[i] ^= (byte)(a[i] ^ b[i]);
        }
    }
}
