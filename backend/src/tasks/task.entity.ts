import { RecurrenceUnit, TASK_PRIORITIES, TaskPriority } from '@taskgate/api-contract';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The `tasks` table. The schema itself is defined by the migrations in
 * database/migrations (never `synchronize`); this mapping names its columns.
 */
@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', default: false })
  completed!: boolean;

  @Column({ type: 'enum', enum: TASK_PRIORITIES, enumName: 'task_priority', default: 'medium' })
  priority!: TaskPriority;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  /** Display names, sorted by lower case (the counts per label are in task_labels). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  labels!: string[];

  @Column({ name: 'recurrence_every', type: 'text', nullable: true })
  recurrenceEvery!: RecurrenceUnit | null;

  @Column({ name: 'recurrence_interval', type: 'smallint', nullable: true })
  recurrenceInterval!: number | null;

  @Column({ name: 'remind_at', type: 'timestamptz', precision: 3, nullable: true })
  remindAt!: Date | null;

  /** Incremented by every change; the ETag. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
