import { conflict } from '../../domain/errors';
import { User } from '../../domain/user';
import type { UserRepository } from '../../ports/repository';
import { normalizeEmail } from '../entity-checks';
import { MemoryEntityRepository } from './memory-entity-repository';

/** Users, with emails unique across all tenants (the login lookup is global). */
export class MemoryUserRepository extends MemoryEntityRepository<User> implements UserRepository {
  private readonly byEmail = new Map<string, { tenantId: string; id: string }>();

  constructor() {
    super(User, 'user');
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const ref = this.byEmail.get(normalizeEmail(email));
    return ref ? this.get(ref.tenantId, ref.id) : undefined;
  }

  protected override beforeWrite(tenantId: string, previous: User | undefined, next: User): void {
    const owner = this.byEmail.get(next.email);
    if (owner && (owner.tenantId !== tenantId || owner.id !== next.id)) {
      throw conflict(`email ${next.email} is already in use`);
    }
    if (previous && previous.email !== next.email) this.byEmail.delete(previous.email);
    this.byEmail.set(next.email, { tenantId, id: next.id });
  }

  protected override afterDelete(_tenantId: string, previous: User): void {
    this.byEmail.delete(previous.email);
  }
}
