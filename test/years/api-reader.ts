// Reads one planned year from the REST API for the independent checker (test/years/checker.ts):
// only HTTP JSON through an `inject` function (Fastify's app.inject or anything shaped like it),
// nothing imported from solver/ or src/. Shared by the five-year bench case
// (scripts/bench/years-case.ts) and, later, the acceptance test of issue 11.
import type { ApiCompliance, ApiLine, ApiSchool, ApiServiceRecord, ApiTeacher, YearInput } from './checker.js';

export interface Injectable {
  inject(req: { method: 'GET' | 'POST' | 'PUT'; url: string; headers: Record<string, string>; payload?: string }): PromiseLike<{
    statusCode: number;
    body: string;
    // biome-ignore lint/suspicious/noExplicitAny: Fastify's inject answers json(): any; the checker validates what it reads
    json(): any;
  }>;
}

export class ApiReader {
  /** each teacher's ledger as last read; `changed` names those to read again */
  readonly records = new Map<string, ApiServiceRecord[]>();
  readonly changed = new Set<string>();

  /**
   * `passNotice(until)`: moves the service's clock (its injectable `now`) to a day after the notice
   * period that ends on `until`, so publish is taken (issue #12: announce, then publish after the period).
   */
  constructor(
    private readonly app: Injectable,
    private readonly token: string,
    private readonly passNotice: (until: string) => void = () => {
      throw new Error('ApiReader.publish needs passNotice to move the service clock past the notice period');
    },
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of the API, read field by field by the callers
  async call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<any> {
    const headers = { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
    const r = await this.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r.json();
  }

  /** Every page of a list, following nextCursor. */
  async all<T>(url: string, limit: number): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.call(
        'GET',
        `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /**
   * The checker's input for a finished proposal. The ledger has no bulk read, so it is one request
   * per teacher: `ledger: 'full'` reads every teacher's; 'changed' (the default) reads those never
   * read and those `changed` names, i.e. the teachers on the lines published since (publishing is the
   * only ledger write of a run that only plans and publishes: call published(lines) after each).
   */
  async readYear(year: number, planId: string, proposalId: string, ledger: 'full' | 'changed' = 'changed'): Promise<YearInput & { ledgerReads: number }> {
    const schools = await this.all<ApiSchool>('/schools', 1000);
    const teachers = await this.all<ApiTeacher>('/teachers', 1000);
    const stale = teachers.filter((t) => ledger === 'full' || !this.records.has(t.id) || this.changed.has(t.id)).map((t) => t.id);
    for (const id of stale) this.records.set(id, await this.all<ApiServiceRecord>(`/teachers/${id}/service-records`, 1000));
    this.changed.clear();
    const lines = await this.all<ApiLine>(`/proposals/${proposalId}/lines`, 20000);
    const compliance: ApiCompliance = await this.call('GET', `/proposals/${proposalId}/compliance`);
    const parameters = (await this.call('GET', `/plans/${planId}`)).effectiveParameters;
    return { year, parameters, schools, teachers, records: this.records, lines, compliance, ledgerReads: stale.length };
  }

  /** Announces the proposal (公示), moves past its notice period and publishes; its lines' teachers have new ledger records to read next time. */
  async publish(proposalId: string, lines: ApiLine[]): Promise<void> {
    const announced = await this.call('POST', `/proposals/${proposalId}/announce`, {});
    this.passNotice(announced.notice.until);
    await this.call('POST', `/proposals/${proposalId}/publish`, {});
    for (const l of lines) this.changed.add(l.teacherId);
  }
}
