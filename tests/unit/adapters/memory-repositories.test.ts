import { MemoryEntityRepository } from '@gong/core/adapters/memory/memory-entity-repository';
import { MemoryExpiringStore } from '@gong/core/adapters/memory/memory-expiring-store';
import { MemoryLeaseStore } from '@gong/core/adapters/memory/memory-lease-store';
import { memoryRepositories } from '@gong/core/app/repositories';
import { Connection } from '@gong/core/domain/connection';
import { LoginAttempts } from '@gong/core/domain/ephemeral';
import { entityRepositoryContract } from '../../contract/entity-repository-contract';
import { expiringStoreContract } from '../../contract/expiring-store-contract';
import { leaseStoreContract } from '../../contract/lease-store-contract';
import { repositoriesContract } from '../../contract/repositories-contract';
import { aConnection } from '../../support/builders';

entityRepositoryContract('memory twin (connections)', {
  makeRepo: () => new MemoryEntityRepository(Connection, 'connection'),
  build: (tenantId) => aConnection({ tenantId }),
  counter: {
    read: (c) => c.submitThroughput,
    bump: (c) => ({ ...c, submitThroughput: c.submitThroughput + 1 }),
  },
});

leaseStoreContract('memory twin', () => new MemoryLeaseStore());

expiringStoreContract('memory twin', () => new MemoryExpiringStore(LoginAttempts));

repositoriesContract('memory twins', () => memoryRepositories());
