// The starter county rubric of `fazhi rubric init`: it extends the township preset and shows, as
// live YAML plus comments, the four things a county does — re-weight, re-band, drop, add. The
// active edits keep the total at 100, so the file validates as written (tested).

/** A kebab-case rubric id from a file stem, or a safe default. */
export function rubricIdFromStem(stem: string): string {
  const id = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id) ? id : 'my-county';
}

export function starterRubric(stem = 'my-county'): string {
  const id = rubricIdFromStem(stem);
  return `# 县级评分细则模板（由 fazhi rubric init 生成）
#
# 本文件继承内置的乡镇细则（township），只写与之不同的地方：
#   1. 调整分值（re-weighting）   2. 调整档次（re-banding）
#   3. 删除指标（drop）           4. 新增指标（连同它要抽取的事实 facts）
# 各指标 id、事实 id 和原有写法见 docs/rubrics/township.md；编写说明见 docs/rubric-authoring.md。
# 改完后：fazhi rubric validate 本文件   → 发布：fazhi rubric docs 本文件 --out 细则文档
#
# 注意：标注 official: false 的阈值是本县的建议/考核做法，不是国家规定；发布的细则文档会如实标注。

id: ${id}
title: XX县乡镇（街道）法治政府建设年度报告评分细则
version: 1.0.0
extends: township
description: >-
  在乡镇细则基础上按本县考核办法调整。各指标分值合计 100 分。

# 等级线（可选，不写则沿用乡镇细则）：
# grades:
#   - { name: 优秀, min: 90 }
#   - { name: 良好, min: 80 }
#   - { name: 一般, min: 60 }
#   - { name: 较差, min: 0 }

# 4. 新增指标要先声明它读取的事实：这里用“计数”型检测器数重大行政决策事项。
facts:
  major_decisions:
    kind: count
    title: 重大行政决策事项数
    terms: [重大行政决策事项, 重大行政决策目录, 重大行政决策]
    units: [项, 件, 个]
    window: 30

categories:
  - id: administration
    indicators:
      # 1. 调整分值：只写 id 和要改的键，其余沿用乡镇细则。
      #    三项制度从 10 分提高到 12 分（分值改了，计分表也要跟着改，任何一档都不能超过分值）；
      #    下面删掉“合法性审查”腾出 8 分，新增指标用 6 分，合计仍为 100。
      - id: three-systems
        points: 12
        scoring: { type: map, values: { all: 12, generic: 7, partial: 5, absent: 0 }, official: false }
      # 4. 新增指标：新的 id，须写全 title、fact、points、scoring、whenMissing、basis、remedy、examples。
      - id: major-decisions
        title: 重大行政决策目录管理
        fact: major_decisions
        points: 6
        scoring:
          type: bands
          bands: [{ min: 3, points: 6 }, { min: 1, points: 3 }]
          official: false # 本县考核做法，非国家规定
        whenMissing: zero
        basis:
          text: 《重大行政决策程序暂行条例》（2019）要求决策机关制定并公布年度重大行政决策事项目录；“不少于3项得满分”为本县建议。
          official: false
          source: 国务院令第713号
        remedy: 写明年度重大行政决策事项目录列入了几项、分别是什么，以及履行公众参与、专家论证、合法性审查、集体讨论决定程序的情况。
        examples:
          - text: 将集镇污水管网改造、农村公路养护等6项事项列入年度重大行政决策目录。
            earns: true
          - text: 下一步将编制重大行政决策事项目录。
            earns: false

  - id: disputes
    indicators:
      # 2. 调整档次：整段替换 scoring。本县要求调解成功率 ≥ 97% 即得满分。
      - id: mediation-success-rate
        scoring:
          type: bands
          of: rate_pct
          bands:
            - { min: 97, points: 12, label: 达到本县目标 }
            - { min: 93, points: 8 }
            - { min: 0, points: 4 }
          official: false

# 3. 删除指标：按 id 删除（也可以写类别 id 删除整个类别）。
drop: [legality-review]
`;
}
