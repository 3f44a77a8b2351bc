using System.Security.Cryptography;

namespace DataBridge.Connectors.OpcUa.Security;

/// <summary>
/// The symmetric keys of one security token: the client's (what we send) and the server's (what we receive), each
/// with its AES-CBC cipher created once so that securing a chunk allocates nothing (Part 6 §6.7.5).
/// </summary>
internal sealed class SymmetricKeySet : IDisposable
{
    public SymmetricKeySet(uint tokenId, DerivedKeys client, DerivedKeys server)
    {
        TokenId = tokenId;
        Client = client;
        Server = server;
        ClientCipher = new CbcCipher(client.EncryptingKey, client.InitializationVector, encrypt: true);
        ServerCipher = new CbcCipher(server.EncryptingKey, server.InitializationVector, encrypt: false);
    }

    public uint TokenId { get; }

    /// <summary>Keys that secure the chunks the client sends.</summary>
    public DerivedKeys Client { get; }

    /// <summary>Keys that secure the chunks the server sends.</summary>
    public DerivedKeys Server { get; }

    /// <summary>Encrypts what the client sends.</summary>
    public CbcCipher ClientCipher { get; }

    /// <summary>Decrypts what the server sends.</summary>
    public CbcCipher ServerCipher { get; }

    public void Dispose()
    {
        ClientCipher.Dispose();
        ServerCipher.Dispose();
        CryptographicOperations.ZeroMemory(Client.SigningKey);
        CryptographicOperations.ZeroMemory(Client.EncryptingKey);
        CryptographicOperations.ZeroMemory(Server.SigningKey);
        CryptographicOperations.ZeroMemory(Server.EncryptingKey);
    }
}
