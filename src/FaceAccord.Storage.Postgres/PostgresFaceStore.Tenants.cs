using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Tenants and their API keys.</summary>
public sealed partial class PostgresFaceStore
{
    private const string TenantColumns = "id, name, sector, country, region, city, created_at, public_accommodation";
    private const string ApiKeyColumns = "key_id, tenant_id, salt, secret_hash, created_at, revoked_at, role, expires_at, replaced_by";

    public Tenant CreateTenant(TenantProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        RequireText(profile.Name, "tenant-name-required", "A tenant needs a name.");
        RequireText(profile.Sector, "tenant-sector-required", "A tenant needs a sector.");
        RequireText(profile.Country, "tenant-country-required", "A tenant needs a country.");
        var tenant = new Tenant(Guid.NewGuid(), profile, _time.GetUtcNow());
        return Write((connection, transaction) =>
        {
            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                $"INSERT INTO tenants ({TenantColumns}) VALUES (@id, @name, @sector, @country, @region, @city, @at, @accommodation);");
            insert.With("@id", tenant.Id).With("@name", profile.Name).With("@sector", profile.Sector).With("@country", profile.Country)
                .With("@region", profile.Region).With("@city", profile.City).With("@at", PgCommands.ToStored(tenant.CreatedAt))
                .With("@accommodation", profile.PlaceOfPublicAccommodation ? 1L : 0L);
            insert.ExecuteNonQuery();
            return tenant;
        });
    }

    public Tenant? FindTenant(Guid tenantId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {TenantColumns} FROM tenants WHERE id = @id;");
        select.With("@id", tenantId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadTenant(reader) : null;
    });

    public IReadOnlyList<Tenant> ListTenants() => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {TenantColumns} FROM tenants ORDER BY created_at, id;");
        using NpgsqlDataReader reader = select.ExecuteReader();
        var tenants = new List<Tenant>();
        while (reader.Read())
        {
            tenants.Add(ReadTenant(reader));
        }

        return tenants;
    });

    /// <summary>Refuses a key id already in use (<c>api-key-exists</c>) and an unknown tenant (<c>tenant-not-found</c>).</summary>
    public void AddApiKey(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        RequireText(key.KeyId, "api-key-id-required", "An API key needs an id.");
        if (!Enum.IsDefined(key.Role))
        {
            throw FaceAccordException.BadInput("api-key-role-invalid", $"An API key's role is one of {string.Join(", ", KeyRoles.Names)}, not {(int)key.Role}.");
        }

        Write((connection, transaction) =>
        {
            if (!Exists(connection, transaction, "SELECT 1 FROM tenants WHERE id = @id;", key.TenantId))
            {
                throw FaceAccordException.NotFound("tenant-not-found", $"Tenant {key.TenantId} does not exist.");
            }

            if (Exists(connection, transaction, "SELECT 1 FROM api_keys WHERE key_id = @id;", key.KeyId))
            {
                throw FaceAccordException.BadInput("api-key-exists", $"An API key with id '{key.KeyId}' already exists.");
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                $"INSERT INTO api_keys ({ApiKeyColumns}) VALUES (@key_id, @tenant, @salt, @hash, @created, @revoked, @role, @expires, @replaced);");
            insert.With("@key_id", key.KeyId).With("@tenant", key.TenantId).With("@salt", key.Salt).With("@hash", key.SecretHash)
                .With("@created", PgCommands.ToStored(key.CreatedAt))
                .With("@revoked", key.RevokedAt is { } revoked ? PgCommands.ToStored(revoked) : null).With("@role", key.Role.Name())
                .With("@expires", key.ExpiresAt is { } expires ? PgCommands.ToStored(expires) : null).With("@replaced", key.ReplacedBy);
            insert.ExecuteNonQuery();
            return true;
        });
    }

    public ApiKeyRecord? FindApiKey(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return Read((connection, transaction) =>
        {
            using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {ApiKeyColumns} FROM api_keys WHERE key_id = @id;");
            select.With("@id", keyId);
            using NpgsqlDataReader reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return ReadApiKey(reader);
        });
    }

    public IReadOnlyList<ApiKeyRecord> ListApiKeys(Guid tenantId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection, transaction, $"SELECT {ApiKeyColumns} FROM api_keys WHERE tenant_id = @tenant ORDER BY created_at, key_id;");
        select.With("@tenant", tenantId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        var keys = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            keys.Add(ReadApiKey(reader));
        }

        return (IReadOnlyList<ApiKeyRecord>)keys;
    });

    public ApiKeyRecord? RevokeApiKey(Guid tenantId, string keyId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return Write((connection, transaction) =>
        {
            using NpgsqlCommand update = PgCommands.Create(
                connection, transaction, "UPDATE api_keys SET revoked_at = @at WHERE key_id = @id AND tenant_id = @tenant AND revoked_at IS NULL;");
            update.With("@at", PgCommands.ToStored(at)).With("@id", keyId).With("@tenant", tenantId);
            update.ExecuteNonQuery();
            using NpgsqlCommand select = PgCommands.Create(
                connection, transaction, $"SELECT {ApiKeyColumns} FROM api_keys WHERE key_id = @id AND tenant_id = @tenant;");
            select.With("@id", keyId).With("@tenant", tenantId);
            using NpgsqlDataReader reader = select.ExecuteReader();
            return reader.Read() ? ReadApiKey(reader) : null;
        });
    }

    public ApiKeyRecord? LimitApiKeyExpiry(Guid tenantId, string keyId, DateTimeOffset notAfter, string? replacedBy)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return Write((connection, transaction) =>
        {
            using NpgsqlCommand update = PgCommands.Create(
                connection,
                transaction,
                "UPDATE api_keys SET expires_at = least(coalesce(expires_at, @at), @at), replaced_by = coalesce(@replaced, replaced_by) WHERE key_id = @id AND tenant_id = @tenant;");
            update.With("@at", PgCommands.ToStored(notAfter)).With("@replaced", replacedBy).With("@id", keyId).With("@tenant", tenantId);
            update.ExecuteNonQuery();
            using NpgsqlCommand select = PgCommands.Create(
                connection, transaction, $"SELECT {ApiKeyColumns} FROM api_keys WHERE key_id = @id AND tenant_id = @tenant;");
            select.With("@id", keyId).With("@tenant", tenantId);
            using NpgsqlDataReader reader = select.ExecuteReader();
            return reader.Read() ? ReadApiKey(reader) : null;
        });
    }

    private static ApiKeyRecord ReadApiKey(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetGuid(1),
        reader.GetFieldValue<byte[]>(2),
        reader.GetFieldValue<byte[]>(3),
        reader.GetTime(4),
        reader.GetNullableTime(5),
        KeyRoles.Parse(reader.GetString(6)),
        reader.GetNullableTime(7),
        reader.GetNullableString(8));

    private static Tenant ReadTenant(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        new TenantProfile(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetNullableString(4), reader.GetNullableString(5), reader.GetInt64(7) != 0),
        reader.GetTime(6));

    private static bool Exists(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object id)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, sql);
        select.With("@id", id);
        return select.ExecuteScalar() is not null;
    }

    private static void RequireText(string? value, string code, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw FaceAccordException.BadInput(code, message);
        }
    }
}
